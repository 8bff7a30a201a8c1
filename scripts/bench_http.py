#!/usr/bin/env python3
"""Side-by-side HTTP benchmark of motiv8 (method in the README, "Benchmarks: HTTP").

Seeds a fresh data folder through the service's own API (200 users signed in with dev-login, each
uploading a ~100 KB JPEG selfie that goes through the real face analysis), writes one 512x768 PNG
of ~600 KB as a generated image, starts nginx (sendfile on) on the same two files, and runs wrk
against each endpoint: a 2 s warm-up, then the measurement. For every measurement it reads /proc
before and after: the CPU of the server, of wrk, of nginx and of everything else on the machine;
a measurement during which the others used more than 30% of a core is discarded and redone.

Output: a Markdown table and a TSV (under --out), ratios against the issue's targets, the
blocked-thread warnings in the server log, RSS after the 1,000-connection pass and the heap after
a full GC. Run it through scripts/bench-http.sh, which checks the Debian packages it needs.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SELFIE = os.path.join(ROOT, "src/test/resources/photos/astronaut-q95.jpg")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count()
OTHERS_LIMIT = 0.30  # of one core, averaged over the measurement
# Users of the upload endpoint only: an upload replaces the selfie, so the selfie endpoint's users
# (whose file names the selfie script requests) must not be among them.
UPLOAD_USERS = 16

DONE_LUA = r"""
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "WRKJSON {\"requests\":%d,\"duration_us\":%d,\"bytes\":%d,\"non2xx\":%d,\"connect\":%d,\"read\":%d,\"write\":%d,\"timeout\":%d,\"p50_us\":%d,\"p99_us\":%d,\"max_us\":%d}\n",
    summary.requests, summary.duration, summary.bytes, errors.status, errors.connect, errors.read,
    errors.write, errors.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
"""

TOKENS_LUA = r"""
local tokens = {}
for line in io.lines("%(tokens)s") do tokens[#tokens + 1] = line end
local counter = 0
local function next_token()
  counter = counter + 1
  return tokens[(counter %% #tokens) + 1]
end
"""

PUT_LUA = TOKENS_LUA + r"""
local days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
local pattern = math.random(0, 127)
request = function()
  pattern = (pattern + 37) %% 128
  local parts = {}
  for i, day in ipairs(days) do
    parts[i] = string.format("\"%%s\":%%s", day, math.floor(pattern / 2 ^ (i - 1)) %% 2 == 1 and "true" or "false")
  end
  local body = "{\"workout_days\":{" .. table.concat(parts, ",") .. "}}"
  return wrk.format("PUT", "/api/workout-days",
    {["Authorization"] = "Bearer " .. next_token(), ["Content-Type"] = "application/json"}, body)
end
"""

ME_LUA = TOKENS_LUA + r"""
request = function()
  return wrk.format("GET", "/auth/me", {["Authorization"] = "Bearer " .. next_token()})
end
"""

SELFIE_LUA = r"""
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""

UPLOAD_LUA = TOKENS_LUA + r"""
local file = io.open("%(selfie)s", "rb")
local image = file:read("*a")
file:close()
local boundary = "motiv8benchboundary"
local body = "--" .. boundary .. "\r\n" ..
  "Content-Disposition: form-data; name=\"file\"; filename=\"selfie.jpg\"\r\n" ..
  "Content-Type: image/jpeg\r\n\r\n" .. image .. "\r\n--" .. boundary .. "--\r\n"
request = function()
  return wrk.format("POST", "/api/upload", {["Authorization"] = "Bearer " .. next_token(),
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary}, body)
end
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- CPU accounting from /proc

def machine_busy_ticks():
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields[:8]) - idle


def process_ticks(pid):
    """utime + stime of a process and its reaped children (all threads included)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    except (FileNotFoundError, ProcessLookupError):
        return 0


def tree_ticks(pids):
    return sum(process_ticks(pid) for pid in pids)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# ---------------------------------------------------------------- fixtures

def png_bytes(width, height, seed):
    """A deterministic RGB PNG of about 600 KB at 512x768 (gradients plus one bit of grain)."""
    rng = random.Random(seed)
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            grain = rng.randrange(2)
            rows += bytes(((x * 255 // width + grain) & 255, (y * 255 // height + grain) & 255,
                           ((x + y) * 127 // (width + height) + 2 * grain) & 255))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) \
        + chunk(b"IEND", b"")


def http_json(method, url, body=None, headers=None, timeout=60):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def multipart(path):
    boundary = "motiv8seedboundary"
    with open(path, "rb") as file:
        image = file.read()
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"selfie.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + image + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def seed_user(base, index):
    signed_in = http_json("POST", f"{base}/auth/dev-login",
                          json.dumps({"email": f"bench{index:03d}@example.org"}).encode(),
                          {"Content-Type": "application/json"})
    token = signed_in["access_token"]
    body, content_type = multipart(SELFIE)
    uploaded = http_json("POST", f"{base}/api/upload", body,
                         {"Authorization": f"Bearer {token}", "Content-Type": content_type}, timeout=120)
    return token, uploaded["filename"]


# ---------------------------------------------------------------- processes

class S3Server:
    """S3Proxy (in memory, signed requests) in a process of its own, from the test classpath."""
    BUCKET = "motiv8-bench"

    def __init__(self, work, objects):
        classpath_file = os.path.join(ROOT, "target/bench.classpath")
        subprocess.run(["mvn", "-q", "-B", "process-test-classes"], cwd=ROOT, check=True)
        subprocess.run(["mvn", "-q", "-B", "dependency:build-classpath", "-Dmdep.includeScope=test",
                        f"-Dmdep.outputFile={classpath_file}"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        with open(classpath_file) as listed:
            classpath = ":".join([os.path.join(ROOT, "target/test-classes"), os.path.join(ROOT, "target/classes"),
                                  listed.read().strip()])
        command = ["java", "-Xmx1g", f"-Dlogback.configurationFile={ROOT}/scripts/bench-logback.xml", "-cp", classpath,
                   "ai.motiv8.storage.bench.S3BenchServer", self.BUCKET]
        command += [f"{key}={path}" for key, path in objects.items()]
        self.process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        stderr=open(os.path.join(work, "s3proxy.log"), "w"))
        printed = {}
        while len(printed) < 3:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit(f"S3Proxy exited; see {work}/s3proxy.log")
            key, _, value = line.strip().partition("=")
            printed[key] = value
        self.environment = {"S3_BUCKET": self.BUCKET, "S3_ENDPOINT": printed["S3_ENDPOINT"],
                            "AWS_REGION": "eu-west-1", "S3_PATH_STYLE": "true",
                            "AWS_ACCESS_KEY_ID": printed["ACCESS_KEY"],
                            "AWS_SECRET_ACCESS_KEY": printed["SECRET_KEY"]}

    def presigned_url(self, key):
        """A GET URL of the object signed in its query string: wrk fetches it straight from S3Proxy."""
        self.process.stdin.write(key + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def stop(self):
        self.process.terminate()
        self.process.wait(30)


class Server:
    def __init__(self, work, port, java_options, profile, storage_environment):
        self.work, self.port = work, port
        self.log_path = os.path.join(work, "server.log")
        env = dict(os.environ,
                   HTTP_PORT=str(port), HTTP_HOST="127.0.0.1",
                   SQLITE_PATH=os.path.join(work, "motiv8.db"), DATA_DIR=os.path.join(work, "data"),
                   TEMP_DIR=os.path.join(work, "tmp"), OUTBOX_DIR=os.path.join(work, "outbox"),
                   MODELS_DIR=os.path.join(ROOT, "models"), **storage_environment)
        command = ["java"] + java_options
        if profile:
            command.append(f"-XX:StartFlightRecording=filename={profile},settings=profile,dumponexit=true,"
                           "jdk.ExecutionSample#period=2ms")
        command += ["-jar", os.path.join(ROOT, "target/motiv8.jar"), "serve"]
        self.process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=open(self.log_path, "w"),
                                        stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited; see {self.log_path}")
            try:
                urllib.request.urlopen(f"{self.base}/api/hello", timeout=2).read()
                return
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"server did not start; see {self.log_path}")

    def blocked_warnings(self):
        with open(self.log_path, errors="replace") as server_log:
            return sum(1 for line in server_log if "has been blocked for" in line)

    def heap_after_gc_kib(self):
        subprocess.run(["jcmd", str(self.process.pid), "GC.run"], capture_output=True, check=False)
        info = subprocess.run(["jcmd", str(self.process.pid), "GC.heap_info"], capture_output=True,
                              text=True, check=False).stdout
        match = re.search(r"used (\d+)K", info)
        return int(match.group(1)) if match else -1

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Nginx:
    def __init__(self, work, port, root):
        conf = os.path.join(work, "nginx.conf")
        user = "user root;\n" if os.geteuid() == 0 else ""
        with open(conf, "w") as out:
            out.write(f"""{user}worker_processes auto;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types {{ image/jpeg jpg; image/png png; }}
  client_body_temp_path {work}/nginx-body;
  proxy_temp_path {work}/nginx-proxy;
  fastcgi_temp_path {work}/nginx-fastcgi;
  uwsgi_temp_path {work}/nginx-uwsgi;
  scgi_temp_path {work}/nginx-scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
  }}
}}
""")
        self.process = subprocess.Popen(["nginx", "-p", work, "-c", conf], stdout=subprocess.DEVNULL,
                                        stderr=open(os.path.join(work, "nginx.log"), "w"))
        self.base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.base}/missing", timeout=1)
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("nginx did not start; see nginx.log")

    def pids(self):
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [self.process.pid] + [int(pid) for pid in children.split()]

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


# ---------------------------------------------------------------- measurement

def wrk(url, script, threads, connections, seconds, timeout):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s",
               "-s", script, url]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return process


def measure(name, url, script, args, connections, server_pids, timeout, store_pids=(), retries=3):
    warm_up = wrk(url, script, args.threads, connections, args.warmup, timeout)
    warm_up.communicate()
    for attempt in range(1, retries + 1):
        busy0, server0, store0, wall0 = machine_busy_ticks(), tree_ticks(server_pids), tree_ticks(store_pids), time.time()
        process = wrk(url, script, args.threads, connections, args.duration, timeout)
        wrk_ticks = 0
        while process.poll() is None:  # wrk's own ticks, read while it is alive
            wrk_ticks = max(wrk_ticks, process_ticks(process.pid))
            time.sleep(0.05)
        output = process.stdout.read()
        busy1, server1, store1, wall1 = machine_busy_ticks(), tree_ticks(server_pids), tree_ticks(store_pids), time.time()
        match = re.search(r"WRKJSON (\{.*\})", output)
        if not match:
            raise SystemExit(f"wrk failed on {name}:\n{output}")
        result = json.loads(match.group(1))
        seconds = wall1 - wall0
        server_cores = (server1 - server0) / CLOCK_TICKS / seconds
        store_cores = (store1 - store0) / CLOCK_TICKS / seconds
        wrk_cores = wrk_ticks / CLOCK_TICKS / seconds
        other_cores = max(0.0, (busy1 - busy0) / CLOCK_TICKS / seconds - server_cores - store_cores - wrk_cores)
        result.update(name=name, connections=connections, attempt=attempt,
                      rps=result["requests"] / (result["duration_us"] / 1e6),
                      server_cpu=server_cores, store_cpu=store_cores, wrk_cpu=wrk_cores, other_cpu=other_cores,
                      server_cpu_ms_per_request=(server1 - server0) / CLOCK_TICKS * 1000 / max(1, result["requests"]),
                      socket_errors=result["connect"] + result["read"] + result["write"] + result["timeout"])
        log(f"  {name} c={connections}: {result['rps']:,.0f} req/s, p50 {result['p50_us'] / 1000:.2f} ms, "
            f"p99 {result['p99_us'] / 1000:.2f} ms, non-2xx {result['non2xx']}, socket errors "
            f"{result['socket_errors']}, CPU server {server_cores:.2f}"
            + (f" S3Proxy {store_cores:.2f}" if store_pids else "") + f" wrk {wrk_cores:.2f} other {other_cores:.2f}")
        if other_cores <= OTHERS_LIMIT:
            return result
        log(f"  others used {other_cores:.2f} of a core (> {OTHERS_LIMIT}): measurement discarded, redone")
        time.sleep(2)
    result["noisy"] = True
    return result


def write_script(work, name, template, **values):
    path = os.path.join(work, f"{name}.lua")
    with open(path, "w") as out:
        out.write((template % values if values else template) + DONE_LUA)
    return path


def table(results, s3):
    store = " CPU S3Proxy |" if s3 else ""
    lines = [f"| endpoint | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | CPU server |{store} CPU wrk | CPU other |",
             "|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if s3 else "") + "---:|---:|"]
    for r in results:
        noisy = " (noisy)" if r.get("noisy") else ""
        store = f" {r['store_cpu']:.2f} |" if s3 else ""
        lines.append(f"| {r['name']}{noisy} | {r['connections']} | {r['rps']:,.0f} | {r['p50_us'] / 1000:.2f} | "
                     f"{r['p99_us'] / 1000:.2f} | {r['non2xx']} | {r['socket_errors']} | {r['server_cpu']:.2f} |{store} "
                     f"{r['wrk_cpu']:.2f} | {r['other_cpu']:.2f} |")
    return "\n".join(lines)


TSV_FIELDS = ["name", "connections", "rps", "p50_us", "p99_us", "max_us", "requests", "non2xx", "socket_errors",
              "server_cpu", "store_cpu", "wrk_cpu", "other_cpu", "server_cpu_ms_per_request", "attempt"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per endpoint")
    parser.add_argument("--server-warmup", type=int, default=5,
                        help="seconds of each endpoint once before any measurement (the JIT compiles the hot paths)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--many", type=int, default=1000, help="connections of the second pass (0: none)")
    parser.add_argument("--port", type=int, default=18000)
    parser.add_argument("--nginx-port", type=int, default=18080)
    parser.add_argument("--only", default="", help="comma-separated endpoint names to run (default: all)")
    parser.add_argument("--profile", default="", help="record a JFR profile of the server into this file")
    parser.add_argument("--java-options", default="-Xmx1g", help="JVM options of the server")
    parser.add_argument("--out", default=os.path.join(ROOT, "target/bench-http"))
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    parser.add_argument("--storage", choices=["local", "s3"], default="local",
                        help="local files (sendFile), or S3 through S3Proxy in its own process (streamed)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="motiv8-bench-")
    os.makedirs(args.out, exist_ok=True)
    server = nginx = s3 = None
    try:
        data = os.path.join(work, "data")
        os.makedirs(os.path.join(data, "generated"))
        generated = "bench-poster.png"
        generated_path = os.path.join(data, "generated", generated)
        with open(generated_path, "wb") as out:
            out.write(png_bytes(512, 768, 8))
        log(f"data folder {work}; storage {args.storage}; generated PNG {os.path.getsize(generated_path):,} bytes, "
            f"selfie JPEG {os.path.getsize(SELFIE):,} bytes")
        if args.storage == "s3":
            s3 = S3Server(work, {f"generated/{generated}": generated_path})
            log(f"S3Proxy at {s3.environment['S3_ENDPOINT']}, bucket {S3Server.BUCKET}")
        server = Server(work, args.port, args.java_options.split(), args.profile, s3.environment if s3 else {})
        started = time.time()
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            seeded = list(pool.map(lambda i: seed_user(server.base, i), range(args.users + UPLOAD_USERS)))
        log(f"seeded {len(seeded)} users (dev-login + upload with face analysis) in {time.time() - started:.1f} s")
        seeded, uploaders = seeded[:args.users], seeded[args.users:]
        tokens_path = os.path.join(work, "tokens.txt")
        with open(tokens_path, "w") as out:
            out.write("\n".join(token for token, _ in seeded) + "\n")
        upload_tokens_path = os.path.join(work, "upload-tokens.txt")
        with open(upload_tokens_path, "w") as out:
            out.write("\n".join(token for token, _ in uploaders) + "\n")
        selfie_paths = os.path.join(work, "selfies.txt")
        with open(selfie_paths, "w") as out:
            out.write("\n".join(f"/api/selfie/{name}?token={token}" for token, name in seeded) + "\n")
        selfie_name = seeded[0][1]
        nginx_root = os.path.join(work, "nginx-root")
        os.makedirs(nginx_root)
        with open(os.path.join(nginx_root, "selfie.jpg"), "wb") as out:  # the stored bytes, from either storage
            out.write(urllib.request.urlopen(f"{server.base}/api/selfie/{selfie_name}?token={seeded[0][0]}").read())
        shutil.copy(generated_path, os.path.join(nginx_root, "generated.png"))
        nginx = Nginx(work, args.nginx_port, nginx_root)

        plain = write_script(work, "plain", "")
        scripts = {
            "hello": (server.base + "/api/hello", plain, 5),
            "auth-me": (server.base, write_script(work, "me", ME_LUA, tokens=tokens_path), 5),
            "selfie": (server.base, write_script(work, "selfie", SELFIE_LUA, paths=selfie_paths), 5),
            "generated": (f"{server.base}/api/generated/{generated}", plain, 5),
            "put-workout-days": (server.base, write_script(work, "put", PUT_LUA, tokens=tokens_path), 5),
            "nginx-selfie": (nginx.base + "/selfie.jpg", plain, 5),
            "nginx-generated": (nginx.base + "/generated.png", plain, 5),
            **({"s3proxy-selfie": (s3.presigned_url(f"uploads/{selfie_name}"), plain, 5),
                "s3proxy-generated": (s3.presigned_url(f"generated/{generated}"), plain, 5)} if s3 else {}),
            "upload": (server.base, write_script(work, "upload", UPLOAD_LUA, tokens=upload_tokens_path, selfie=SELFIE), 60),
        }
        only = [name for name in args.only.split(",") if name]
        names = [name for name in scripts if not only or name in only]
        log(f"== warm-up of the server's JIT: every endpoint for {args.server_warmup} s")
        for name in names:
            url, script, timeout = scripts[name]
            if not name.startswith(("nginx", "s3proxy")):
                wrk(url, script, args.threads, args.connections, args.server_warmup, timeout).communicate()
        results = []
        for connections in [args.connections] + ([args.many] if args.many else []):
            log(f"== {connections} connections, wrk -t{args.threads} -d{args.duration}s, {args.warmup} s warm-up")
            for name in names:
                if name == "upload" and connections != args.connections:
                    continue  # uploads queue for the face models: 1,000 at once only measure the queue
                url, script, timeout = scripts[name]
                if name.startswith("nginx"):
                    pids, store_pids = nginx.pids(), [s3.process.pid] if s3 else []
                elif name.startswith("s3proxy"):
                    pids, store_pids = [s3.process.pid], []
                else:
                    pids, store_pids = [server.process.pid], [s3.process.pid] if s3 else []
                results.append(measure(name, url, script, args, connections, pids, timeout, store_pids))
        rss = rss_kib(server.process.pid)
        heap = server.heap_after_gc_kib()
        blocked = server.blocked_warnings()
        summary = summarise(results, rss, heap, blocked, args)
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
        stem = os.path.join(args.out, f"http-{'s3-' if s3 else ''}{stamp}")
        with open(stem + ".tsv", "w") as out:
            out.write("\t".join(TSV_FIELDS) + "\n")
            for r in results:
                out.write("\t".join(str(round(r[f], 3) if isinstance(r[f], float) else r[f]) for f in TSV_FIELDS) + "\n")
        storage = ("S3 through S3Proxy in its own process (its CPU in a column of its own; the s3proxy-* rows fetch "
                   "presigned URLs straight from it, the ceiling of any S3 client here)" if s3 else "local files")
        report = (f"motiv8 HTTP benchmark, {stamp}, {CORES} cores shared by server, wrk and nginx; storage: {storage}; "
                  f"command: scripts/bench-http.sh {' '.join(sys.argv[1:])}\n\n{table(results, s3)}\n\n{summary}\n")
        with open(stem + ".md", "w") as out:
            out.write(report)
        print(report)
        log(f"written {stem}.md and .tsv")
    finally:
        if server:
            server.stop()
        if s3:
            s3.stop()
        if nginx:
            nginx.stop()
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def summarise(results, rss, heap, blocked, args):
    def rps(name, connections=args.connections):
        found = [r for r in results if r["name"] == name and r["connections"] == connections]
        return found[0] if found else None

    lines = []

    def ratio(label, numerator, denominator, target, extra=""):
        if numerator and denominator:
            value = numerator["rps"] / denominator["rps"]
            verdict = "met" if value >= target else f"short by {(target - value) / target:.0%}"
            lines.append(f"- {label}: {value:.2f} (target >= {target}) {verdict}{extra}")

    hello = rps("hello")
    ratio("/auth/me / hello", rps("auth-me"), hello, 0.5)
    put = rps("put-workout-days")
    if put:
        ratio("PUT /api/workout-days / hello", put, hello, 0.25,
              f"; p99 {put['p99_us'] / 1000:.1f} ms (target < 20 ms)")
    ratio("/api/selfie / nginx", rps("selfie"), rps("nginx-selfie"), 0.5)
    ratio("/api/generated / nginx", rps("generated"), rps("nginx-generated"), 0.5)
    ratio("/api/selfie / S3Proxy straight", rps("selfie"), rps("s3proxy-selfie"), 0.5)
    ratio("/api/generated / S3Proxy straight", rps("generated"), rps("s3proxy-generated"), 0.5)
    upload = rps("upload")
    if upload:
        lines.append(f"- upload: {upload['rps']:.1f} req/s, server CPU {upload['server_cpu_ms_per_request']:.0f} ms "
                     f"per upload (0.8 x {CORES} cores / that = {0.8 * CORES * 1000 / upload['server_cpu_ms_per_request']:.1f} req/s)")
    bad = [f"{r['name']} c={r['connections']}" for r in results if r["non2xx"] or r["socket_errors"]]
    lines.append(f"- non-2xx or socket errors: {', '.join(bad) if bad else 'none'}")
    lines.append(f"- Vert.x blocked-thread warnings in the server log: {blocked}")
    lines.append(f"- server RSS after the runs: {rss / 1024:.0f} MiB; heap after a full GC: {heap / 1024:.0f} MiB "
                 f"(JVM options: {args.java_options})")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
