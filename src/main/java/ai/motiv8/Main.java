package ai.motiv8;
public class Main { public static void main(String[] a) {} }
