/** motiv8: motivational images of you on your workout days. */
@ModuleGen(name = "motiv8", groupPackage = "ai.motiv8")
package ai.motiv8;

import io.vertx.codegen.annotations.ModuleGen;
