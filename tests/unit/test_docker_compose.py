"""The production docker-compose.yml agrees with the Compose Specification and with the repository.

There is no Docker daemon or compose plugin here, so every check reads the parsed files:
docker-compose.yml (with .env.example's values, as `docker compose` would interpolate them),
the Dockerfiles and their .dockerignore files, docker/endpoints.yml (through Rasa's own
loader), docker/nginx.conf, credentials.yml and the requirements files. Each check is a
`*_problems` function returning what is wrong; the tests run it on the real files (nothing
wrong) and on a broken copy (the problem is reported), so none of them can pass vacuously.
"""

import copy
import json
from pathlib import Path
import re
import subprocess
from typing import Dict, Iterator, List, Optional, Tuple

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
ENDPOINTS_FILE = ROOT / "docker" / "endpoints.yml"
NGINX_FILE = ROOT / "docker" / "nginx.conf"
SCHEMA_FILE = ROOT / "tests" / "data" / "compose" / "compose-spec.json"
RASA_REPLICAS = ("rasa-1", "rasa-2")
PUBLIC_HTTP_PORT = 80  # nginx's public listener inside its container
# Rasa's HTTP API: never reachable from the public listener.
RASA_API_PATHS = ("/conversations/abc/execute", "/conversations/abc/tracker", "/model",
                  "/model/parse", "/status", "/version", "/domain")
# What the public listener must pass to Rasa.
PUBLIC_RASA_PATHS = ("/webhooks/rest/webhook", "/webhooks/line/webhook", "/socket.io/")


# --- reading the files -------------------------------------------------------------------

def read_env_file(text: str) -> Dict[str, Tuple[str, str]]:
    """NAME -> (value, the comment lines right above it)."""
    settings, comment = {}, []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            comment = []
        elif stripped.startswith("#"):
            comment.append(stripped.lstrip("# "))
        else:
            name, _, value = stripped.partition("=")
            settings[name.strip()] = (value.strip(), " ".join(comment).strip())
            comment = []
    return settings


_VARIABLE = re.compile(r"\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)((?::?[-?+])[^}]*)?\}"
                       r"|([A-Za-z_][A-Za-z0-9_]*))")


def strings_in(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def variables_in(value) -> set:
    """Names of the ${VARIABLES} a compose or Rasa file uses (`$$` is a literal dollar)."""
    return {match.group(2) or match.group(4)
            for text in strings_in(value) for match in _VARIABLE.finditer(text)
            if not match.group(1)}


class InterpolationError(ValueError):
    pass


def interpolate(value, env: Dict[str, str]):
    """Compose's interpolation: ${V}, ${V:-default}, ${V-default}, ${V:?error}, ${V?error}."""
    if isinstance(value, dict):
        return {interpolate(k, env): interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match) -> str:
        if match.group(1):
            return "$"
        name = match.group(2) or match.group(4)
        modifier = match.group(3) or ""
        current = env.get(name)
        empty = not current
        if modifier.startswith((":-", "-")):
            default = modifier[2:] if modifier.startswith(":") else modifier[1:]
            return default if (empty if modifier.startswith(":") else current is None) else current
        if modifier.startswith((":?", "?")):
            if empty if modifier.startswith(":") else current is None:
                raise InterpolationError(f"{name}: {modifier.lstrip(':?')}")
        return current or ""

    return _VARIABLE.sub(substitute, value)


def env_values() -> Dict[str, str]:
    return {name: value for name, (value, _) in read_env_file(ENV_EXAMPLE.read_text()).items()}


def dockerfile_instructions(text: str) -> List[Tuple[str, List[str]]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    instructions, pending = [], ""
    for line in text.splitlines():
        if line.strip().startswith("#") and not pending:
            continue
        pending += line.rstrip()
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
            continue
        if pending.strip():
            keyword, _, rest = pending.strip().partition(" ")
            instructions.append((keyword.upper(), rest.split()))
        pending = ""
    return instructions


def copies(dockerfile: Path) -> List[Tuple[List[str], str]]:
    """(sources, destination) of each COPY/ADD from the build context."""
    result = []
    for keyword, args in dockerfile_instructions(dockerfile.read_text()):
        if keyword in ("COPY", "ADD") and not any(a.startswith("--from") for a in args):
            paths = [a for a in args if not a.startswith("--")]
            result.append((paths[:-1], paths[-1]))
    return result


def _pattern_regex(pattern: str) -> re.Pattern:
    parts = re.split(r"(\*\*/?|\*|\?)", pattern.strip("/"))
    regex = "".join({"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(p, re.escape(p))
                    for p in parts)
    return re.compile(regex + r"\Z")


def ignored_by(patterns: List[str], path: str) -> bool:
    """.dockerignore semantics: the last matching pattern wins; a pattern matching a folder
    matches everything under it; `!` re-includes."""
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    ignored = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = _pattern_regex(pattern[1:] if negated else pattern)
        if any(regex.match(candidate) for candidate in candidates):
            ignored = not negated
    return ignored


def dockerignore_patterns(dockerfile: Path, context: Path) -> List[str]:
    """BuildKit uses <Dockerfile>.dockerignore next to the Dockerfile, else the context's."""
    for candidate in (dockerfile.with_name(dockerfile.name + ".dockerignore"),
                      context / ".dockerignore"):
        if candidate.exists():
            return [line.strip() for line in candidate.read_text().splitlines()
                    if line.strip() and not line.strip().startswith("#")]
    return []


Directive = Tuple[str, List[str], Optional[list]]  # name, arguments, block (None: simple)


def parse_nginx(text: str) -> List[Directive]:
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|#[^\n]*|[{};]|[^\s{};]+', text)
    tokens = [t[1:-1] if t[:1] in "\"'" else t for t in tokens if not t.startswith("#")]
    position = 0

    def block() -> List[Directive]:
        nonlocal position
        directives, words = [], []
        while position < len(tokens):
            token = tokens[position]
            position += 1
            if token == ";":
                directives.append((words[0], words[1:], None))
                words = []
            elif token == "{":
                directives.append((words[0], words[1:], block()))
                words = []
            elif token == "}":
                return directives
            else:
                words.append(token)
        return directives

    return block()


def children(block: List[Directive], name: str) -> List[Directive]:
    return [d for d in block if d[0] == name]


def value_of(block: List[Directive], name: str) -> Optional[List[str]]:
    found = children(block, name)
    return found[0][1] if found else None


def location_for(server: List[Directive], path: str) -> Optional[List[Directive]]:
    """nginx's choice among prefix locations: an exact `=` match, else the longest prefix."""
    best, best_length = None, -1
    for _, args, body in children(server, "location"):
        if args[0] == "=":
            if args[1] == path:
                return body
        elif path.startswith(args[0]) and len(args[0]) > best_length:
            best, best_length = body, len(args[0])
    return best


def servers_listening_on(config: List[Directive], port: int) -> List[List[Directive]]:
    return [body for _, _, body in children(config, "server")
            if any(args[0].split(":")[-1] == str(port) for _, args, _ in children(body, "listen"))]


def published_ports(service: dict) -> List[Tuple[str, int, int]]:
    """(host address, host port, container port) of each `ports:` entry (short syntax)."""
    result = []
    for entry in service.get("ports", []):
        parts = str(entry).split(":")
        address = parts[0] if len(parts) == 3 else "0.0.0.0"
        result.append((address, int(parts[-2]), int(parts[-1])))
    return result


def bind_mounts(service: dict) -> List[Tuple[str, str, bool]]:
    """(host path, container path, read-only) of each bind mount."""
    result = []
    for entry in service.get("volumes", []):
        source, target, *mode = entry.split(":")
        if source.startswith((".", "/")):
            result.append((source, target, "ro" in mode))
    return result


def requirement_pins(path: Path) -> Dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name.strip().lower())] = version.strip()
    return pins


@pytest.fixture(scope="module")
def compose() -> dict:
    return interpolate(yaml.safe_load(COMPOSE_FILE.read_text()), env_values())


@pytest.fixture(scope="module")
def nginx() -> List[Directive]:
    return parse_nginx(NGINX_FILE.read_text())


def broken(document, change) -> dict:
    changed = copy.deepcopy(document)
    change(changed)
    return changed


# --- the checks --------------------------------------------------------------------------

def schema_problems(document: dict) -> List[str]:
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA_FILE.read_text()))
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(document)]


def build_problems(compose: dict) -> List[str]:
    problems = []
    for name, service in compose["services"].items():
        build = service.get("build")
        if not build:
            continue
        context = ROOT / build["context"]
        dockerfile = context / build.get("dockerfile", "Dockerfile")
        if not context.is_dir():
            problems.append(f"{name}: build context {context} missing")
        elif not dockerfile.is_file():
            problems.append(f"{name}: {dockerfile} missing")
            continue
        patterns = dockerignore_patterns(dockerfile, context)
        for sources, _ in copies(dockerfile):
            for source in sources:
                if not (context / source).exists():
                    problems.append(f"{dockerfile.name}: COPY {source}: no such file")
                elif ignored_by(patterns, source):
                    problems.append(f"{dockerfile.name}: COPY {source}: excluded by .dockerignore")
    return problems


def mount_problems(compose: dict) -> List[str]:
    problems = []
    declared = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        for entry in service.get("volumes", []):
            source = entry.split(":")[0]
            if source.startswith((".", "/")):
                if not (ROOT / source).exists():
                    problems.append(f"{name}: bind mount {source} does not exist")
            elif source not in declared:
                problems.append(f"{name}: volume {source} not declared under volumes:")
    return problems


def env_documentation_problems(used: set, documented: Dict[str, Tuple[str, str]]) -> List[str]:
    problems = [f"{v} is used but not in .env.example" for v in sorted(used - set(documented))]
    problems += [f"{v} is in .env.example but used nowhere" for v in sorted(set(documented) - used)]
    problems += [f"{v} has no comment in .env.example"
                 for v, (_, comment) in sorted(documented.items()) if not comment]
    return problems


def port_problems(compose: dict) -> List[str]:
    problems, taken = [], {}
    for name, service in compose["services"].items():
        for address, host_port, _ in published_ports(service):
            for other_address, other in taken.get(host_port, []):
                if "0.0.0.0" in (address, other_address) or address == other_address:
                    problems.append(f"{name} and {other} both publish port {host_port}")
            taken.setdefault(host_port, []).append((address, name))
        if service.get("ports") and name not in ("nginx", "console"):
            problems.append(f"{name} publishes a port: only nginx and the console may")
    return problems


def container_ports(service: dict) -> set:
    return ({int(p) for p in service.get("expose", [])}
            | {container for _, _, container in published_ports(service)})


def upstream_problems(nginx: List[Directive], compose: dict) -> List[str]:
    problems = []
    http = children(nginx, "upstream")
    upstream_names = {args[0] for _, args, _ in http}
    for _, args, body in http:
        for _, (address, *_), _ in children(body, "server"):
            host, _, port = address.partition(":")
            service = compose["services"].get(host)
            if service is None:
                problems.append(f"upstream {args[0]}: no service {host}")
            elif int(port or 80) not in container_ports(service):
                problems.append(f"upstream {args[0]}: {host} does not expose {port}")
    for _, _, server in children(nginx, "server"):
        for _, _, location in children(server, "location"):
            target = value_of(location, "proxy_pass")
            if target:
                host = re.match(r"https?://([^/:]+)", target[0]).group(1)
                if host not in upstream_names and host not in compose["services"]:
                    problems.append(f"proxy_pass {target[0]}: no such upstream or service")
    return problems


def public_exposure_problems(nginx: List[Directive], compose: dict) -> List[str]:
    """The public listener proxies the channels and a health path, never Rasa's API; no other
    listener is published."""
    problems = []
    published = {container for _, _, container in published_ports(compose["services"]["nginx"])}
    for _, _, server in children(nginx, "server"):
        ports = {int(args[0].split(":")[-1]) for _, args, _ in children(server, "listen")}
        if ports & published and ports != {PUBLIC_HTTP_PORT}:
            problems.append(f"nginx listener {sorted(ports)} is published")
    public = servers_listening_on(nginx, PUBLIC_HTTP_PORT)
    if not public or PUBLIC_HTTP_PORT not in published:
        return problems + ["no published public listener on port 80"]
    for path in RASA_API_PATHS:
        location = location_for(public[0], path)
        if location is not None and value_of(location, "proxy_pass"):
            problems.append(f"{path} is proxied to the public")
    for path in PUBLIC_RASA_PATHS:
        location = location_for(public[0], path)
        if location is None or not value_of(location, "proxy_pass"):
            problems.append(f"{path} is not proxied to Rasa")
    return problems


def replica_problems(compose: dict) -> List[str]:
    first, *others = (compose["services"].get(name) for name in RASA_REPLICAS)
    if first is None or None in others:
        return [f"the Rasa replicas {RASA_REPLICAS} are not all defined"]
    return [f"{name} differs from {RASA_REPLICAS[0]} in {key}"
            for name, other in zip(RASA_REPLICAS[1:], others)
            for key in ("build", "image", "command", "volumes", "environment")
            if other.get(key) != first.get(key)]


EXPECTED_HEALTH_CHECKS = {
    "rasa-1": "http://127.0.0.1:5005/", "rasa-2": "http://127.0.0.1:5005/",
    "actions": "/health", "console": "/login", "postgres": "pg_isready",
    "redis": "redis-cli ping", "nginx": "/healthz",
}


def health_problems(compose: dict) -> List[str]:
    problems = []
    services = compose["services"]
    for name, service in services.items():
        test = " ".join(service.get("healthcheck", {}).get("test", []))
        if EXPECTED_HEALTH_CHECKS.get(name, "\0") not in test:
            problems.append(f"{name}: health check {test!r} does not check "
                            f"{EXPECTED_HEALTH_CHECKS.get(name)!r}")
        if service.get("restart") not in ("always", "unless-stopped"):
            problems.append(f"{name}: no restart policy")
        for dependency, how in (service.get("depends_on") or {}).items():
            if dependency not in services:
                problems.append(f"{name} depends on unknown service {dependency}")
            elif how.get("condition") not in ("service_healthy", "service_started"):
                problems.append(f"{name} → {dependency}: no condition")
    return problems


# --- tests: the Compose Specification ----------------------------------------------------

def test_compose_file_follows_the_compose_specification(compose):
    assert schema_problems(yaml.safe_load(COMPOSE_FILE.read_text())) == []
    assert schema_problems(compose) == []


def test_schema_check_rejects_a_misspelt_key(compose):
    misspelt = broken(compose, lambda c: c["services"]["redis"].update(healthchek={}))
    assert any("healthchek" in problem for problem in schema_problems(misspelt))


def test_every_required_variable_has_a_value_in_env_example():
    raw = yaml.safe_load(COMPOSE_FILE.read_text())
    interpolate(raw, env_values())  # raises on a ${VAR:?} left empty
    with pytest.raises(InterpolationError, match="RASA_TOKEN"):
        interpolate(raw, {**env_values(), "RASA_TOKEN": ""})


# --- tests: the repository has what the compose file refers to ---------------------------

def test_build_contexts_dockerfiles_and_copied_files_exist(compose):
    assert build_problems(compose) == []
    assert {tuple(s) for c in compose["services"].values() if c.get("build")
            for s, _ in copies(ROOT / c["build"]["dockerfile"])}  # the Dockerfiles do copy
    moved = broken(compose, lambda c: c["services"]["actions"]["build"].update(
        dockerfile="docker/action.Dockerfile"))
    assert build_problems(moved) == [f"actions: {ROOT / 'docker/action.Dockerfile'} missing"]


def test_dockerignore_keeps_models_out_and_code_in():
    patterns = dockerignore_patterns(ROOT / "docker" / "rasa.Dockerfile", ROOT)
    assert ignored_by(patterns, "bot/models/model-123.tar.gz")
    assert ignored_by(patterns, "bot/nlu/__pycache__/x.pyc")
    assert ignored_by(patterns, ".venv/lib/python3.10/site.py")
    assert not ignored_by(patterns, "bot/nlu/language_detector.py")
    assert not ignored_by(patterns, "connectors/line.py")


def test_bind_mounts_and_named_volumes_exist(compose):
    assert mount_problems(compose) == []
    typo = broken(compose, lambda c: c["services"]["actions"]["volumes"].append(
        "./knowlege:/app/knowledge:ro"))
    assert mount_problems(typo) == ["actions: bind mount ./knowlege does not exist"]


def test_model_is_mounted_read_only_into_both_replicas(compose):
    for name in RASA_REPLICAS:
        assert ("./bot/models", "/app/models", True) in bind_mounts(compose["services"][name])


def test_knowledge_is_mounted_for_hot_reload(compose):
    assert ("./knowledge", "/app/knowledge", True) in bind_mounts(compose["services"]["actions"])
    # the console writes FAQ drafts into knowledge/drafts/
    assert ("./knowledge", "/app/knowledge", False) in bind_mounts(compose["services"]["console"])


def test_postgres_data_is_on_a_named_volume(compose):
    assert "postgres-data:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    assert "postgres-data" in compose["volumes"]


# --- tests: settings ---------------------------------------------------------------------

def test_every_variable_is_documented_in_env_example_and_none_is_stale():
    used = (variables_in(yaml.safe_load(COMPOSE_FILE.read_text()))
            | variables_in(yaml.safe_load(ENDPOINTS_FILE.read_text())))
    documented = read_env_file(ENV_EXAMPLE.read_text())
    assert env_documentation_problems(used, documented) == []
    assert {"POSTGRES_PASSWORD", "RASA_TOKEN", "LINE_CHANNEL_SECRET",
            "LINE_CHANNEL_ACCESS_TOKEN", "SENTRY_DSN", "LINE_MONTHLY_QUOTA"} <= used
    assert env_documentation_problems(used | {"REDIS_URL"}, documented) == [
        "REDIS_URL is used but not in .env.example"]
    assert env_documentation_problems(used, {**documented, "OLD": ("1", "gone")}) == [
        "OLD is in .env.example but used nowhere"]


def test_variable_reader_sees_every_form_and_skips_escaped_dollars():
    assert variables_in(["${A}", "x${B:-1}y", "$C", "${D:?set D}", "$$E", {"k": "${F-2}"}]) == {
        "A", "B", "C", "D", "F"}
    assert interpolate("${A:-x}/${B-y}/${C}/$$", {"A": "", "B": ""}) == "x///$"


def test_env_file_is_ignored_by_git():
    assert subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT).returncode == 0


def test_endpoint_variables_reach_the_rasa_containers(compose):
    for name in RASA_REPLICAS:
        environment = compose["services"][name]["environment"]
        assert variables_in(yaml.safe_load(ENDPOINTS_FILE.read_text())) <= set(environment)


def test_line_settings_reach_the_rasa_containers_with_lines_own_default(compose):
    from connectors.line_api import DEFAULT_BASE_URL

    raw = yaml.safe_load(COMPOSE_FILE.read_text())
    without = interpolate(raw, {k: v for k, v in env_values().items()
                                if k != "LINE_API_BASE_URL"})
    for name in RASA_REPLICAS:
        environment = without["services"][name]["environment"]
        assert environment["LINE_API_BASE_URL"] == DEFAULT_BASE_URL
        assert environment["LINE_CHANNEL_SECRET"] == env_values()["LINE_CHANNEL_SECRET"]
        assert environment["LINE_CHANNEL_ACCESS_TOKEN"]


# --- tests: network ----------------------------------------------------------------------

def test_published_ports_do_not_clash_and_only_nginx_and_the_console_publish(compose):
    assert port_problems(compose) == []
    exposed = broken(compose, lambda c: c["services"]["rasa-1"].update(ports=["5005:5005"]))
    assert port_problems(exposed) == ["rasa-1 publishes a port: only nginx and the console may"]
    clash = broken(compose, lambda c: c["services"]["console"].update(ports=["0.0.0.0:80:5002"]))
    assert port_problems(clash) == ["nginx and console both publish port 80"]


def test_console_is_published_on_the_vpn_address_only(compose):
    assert published_ports(compose["services"]["console"]) == [
        (env_values()["CONSOLE_ADDRESS"], int(env_values()["CONSOLE_PORT"]), 5002)]
    assert read_env_file(ENV_EXAMPLE.read_text())["CONSOLE_ADDRESS"][0] == "127.0.0.1"


def test_nginx_upstreams_name_real_services_and_ports(nginx, compose):
    assert upstream_problems(nginx, compose) == []
    servers = {address for _, _, body in children(nginx, "upstream")
               for _, (address, *_), _ in children(body, "server")}
    assert servers == {"rasa-1:5005", "rasa-2:5005"}
    renamed = broken(compose, lambda c: c["services"].update(rasa1=c["services"].pop("rasa-1")))
    assert any("no service rasa-1" in p for p in upstream_problems(nginx, renamed))


def test_public_listener_never_proxies_rasas_api(nginx, compose):
    assert public_exposure_problems(nginx, compose) == []
    catch_all = parse_nginx(NGINX_FILE.read_text().replace(
        "return 404;", "proxy_pass http://rasa_replicas;"))
    assert public_exposure_problems(catch_all, compose) == [
        f"{path} is proxied to the public" for path in RASA_API_PATHS]
    leaked = broken(compose, lambda c: c["services"]["nginx"]["ports"].append("5005:5005"))
    assert "nginx listener [5005] is published" in public_exposure_problems(nginx, leaked)


def test_socketio_is_sticky_and_upgrades_to_websocket(nginx):
    public = servers_listening_on(nginx, PUBLIC_HTTP_PORT)[0]
    location = location_for(public, "/socket.io/")
    upstream_name = value_of(location, "proxy_pass")[0].split("//")[1].rstrip("/")
    upstream = next(body for _, args, body in children(nginx, "upstream")
                    if args[0] == upstream_name)
    assert children(upstream, "ip_hash") or children(upstream, "hash")
    headers = {args[0]: args[1] for _, args, _ in children(location, "proxy_set_header")}
    assert headers["Upgrade"] == "$http_upgrade"
    assert headers["Connection"] == "$connection_upgrade"
    assert value_of(location, "proxy_http_version") == ["1.1"]


def test_widget_and_demo_page_are_served_as_the_dev_server_serves_them(nginx, compose):
    from connectors.webchat import server

    mounts = {target: ROOT / source for source, target, _ in
              bind_mounts(compose["services"]["nginx"])}
    public = servers_listening_on(nginx, PUBLIC_HTTP_PORT)[0]
    widget = location_for(public, "/webchat/widget.js")
    assert mounts[value_of(widget, "alias")[0].rstrip("/")].resolve() == server.STATIC_DIR
    assert sorted(p.name for p in server.STATIC_DIR.iterdir()) == ["widget.css", "widget.js"]
    demo = location_for(public, "/")
    assert value_of(demo, "try_files")[0] == "/" + server.DEMO_PAGE.name
    assert mounts[value_of(demo, "root")[0]].resolve() == server.DEMO_PAGE.parent
    placeholder, replacement = value_of(demo, "sub_filter")
    assert placeholder in server.DEMO_PAGE.read_text() and replacement == ""  # same origin


def test_nginx_config_parser_reads_blocks_and_quotes():
    config = parse_nginx('upstream u { ip_hash; server a:1; }\n# c { ;\n'
                         'server { listen 80; location = / { sub_filter "{{x}}" ""; } }')
    assert children(config, "upstream")[0][2] == [("ip_hash", [], None), ("server", ["a:1"], None)]
    assert value_of(location_for(children(config, "server")[0][2], "/"), "sub_filter") == [
        "{{x}}", ""]


# --- tests: Rasa -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rasa_arguments(compose):
    from rasa.__main__ import create_argument_parser

    parser = create_argument_parser()
    return {name: parser.parse_args(compose["services"][name]["command"])
            for name in RASA_REPLICAS}


def image_files(compose: dict, service_name: str) -> Dict[str, Path]:
    """Paths inside a service's container → the repository file or folder they come from."""
    service = compose["services"][service_name]
    files = {}
    build = service.get("build")
    if build:
        for sources, destination in copies(ROOT / build["dockerfile"]):
            for source in sources:
                files[destination.rstrip("/")] = ROOT / build["context"] / source
    for source, target, _ in bind_mounts(service):
        files[target] = ROOT / source
    return files


def test_rasa_runs_with_the_api_behind_a_token_and_files_from_its_image(compose, rasa_arguments):
    for name, arguments in rasa_arguments.items():
        files = image_files(compose, name)
        assert arguments.func.__name__ == "run"
        assert arguments.enable_api and arguments.auth_token == env_values()["RASA_TOKEN"]
        assert arguments.cors == [env_values()["WEBCHAT_ORIGIN"]]
        assert files[arguments.endpoints] == ENDPOINTS_FILE
        assert files[arguments.credentials] == ROOT / "credentials.yml"
        assert files[arguments.model] == ROOT / "bot" / "models"
    without_copy = broken(compose, lambda c: c["services"]["rasa-1"].update(
        build={"context": ".", "dockerfile": "docker/actions.Dockerfile"}))
    assert "/app/endpoints.yml" not in image_files(without_copy, "rasa-1")


def test_both_replicas_run_the_same_image_model_and_endpoints(compose):
    assert replica_problems(compose) == []
    drifted = broken(compose, lambda c: c["services"]["rasa-2"]["command"].remove("--enable-api"))
    assert replica_problems(drifted) == ["rasa-2 differs from rasa-1 in command"]


def test_channels_in_credentials_are_importable_rasa_channels():
    from rasa.core.channels import BUILTIN_CHANNELS, InputChannel
    from rasa.shared.utils.common import class_from_module_path

    channels = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert {"connectors.line.LineInput", "connectors.webchat.channel.WebchatInput"} <= set(channels)
    for name in channels:
        channel = BUILTIN_CHANNELS.get(name) or class_from_module_path(name)
        assert issubclass(channel, InputChannel), name


@pytest.fixture(scope="module")
def rasa_endpoints(compose):
    from rasa.core.utils import AvailableEndpoints

    environment = compose["services"]["rasa-1"]["environment"]
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, str(value))
        return AvailableEndpoints.read_endpoints(str(ENDPOINTS_FILE))


def test_lock_store_is_the_redis_service(rasa_endpoints, compose):
    from rasa.core.lock_store import RedisLockStore
    from rasa.shared.utils.common import class_from_module_path

    lock_store = rasa_endpoints.lock_store
    assert issubclass(class_from_module_path(lock_store.type), RedisLockStore)
    redis = compose["services"][lock_store.url]
    assert redis["image"].startswith("redis:")
    assert lock_store.kwargs["port"] == 6379


def test_tracker_store_and_assistant_tables_share_the_postgres_service(rasa_endpoints, compose):
    tracker = rasa_endpoints.tracker_store
    postgres = compose["services"][tracker.url]["environment"]
    assert tracker.type == "bot.storage.tracker_store.ResidentTrackerStore"
    assert tracker.kwargs["dialect"] == "postgresql"
    assert tracker.kwargs["db"] == postgres["POSTGRES_DB"]
    assert tracker.kwargs["username"] == postgres["POSTGRES_USER"]
    assert tracker.kwargs["password"] == postgres["POSTGRES_PASSWORD"]
    same_database = (f"postgresql://{postgres['POSTGRES_USER']}:{postgres['POSTGRES_PASSWORD']}"
                     f"@{tracker.url}:{tracker.kwargs['port']}/{postgres['POSTGRES_DB']}")
    for name in (*RASA_REPLICAS, "actions", "console"):
        assert compose["services"][name]["environment"]["DATABASE_URL"] == same_database


def test_event_broker_relays_handoff_messages_into_tickets(rasa_endpoints):
    from rasa.core.brokers.broker import EventBroker
    from rasa.shared.utils.common import class_from_module_path

    from bot.handoff.ticket_relay import TicketRelayBroker

    broker = class_from_module_path(rasa_endpoints.event_broker.type)
    assert broker is TicketRelayBroker and issubclass(broker, EventBroker)


def dockerfile_command(dockerfile: Path) -> List[str]:
    commands = [args for keyword, args in dockerfile_instructions(dockerfile.read_text())
                if keyword == "CMD"]
    return json.loads(" ".join(commands[-1])) if commands else []


def test_action_endpoint_is_the_action_service_serving_bot_actions(rasa_endpoints, compose):
    host, port = re.match(r"http://([^:/]+):(\d+)/webhook$", rasa_endpoints.action.url).groups()
    service = compose["services"][host]
    assert int(port) in container_ports(service)
    command = dockerfile_command(ROOT / service["build"]["dockerfile"])
    assert command[command.index("--actions") + 1] == "bot.actions"
    assert command[command.index("--port") + 1] == port


# --- tests: the staff console ------------------------------------------------------------

def test_console_command_is_valid_and_reaches_rasa_through_the_internal_listener(compose, nginx):
    from bot.__main__ import build_parser

    console = compose["services"]["console"]
    assert console["entrypoint"] == ["python", "-m", "bot"]
    arguments = build_parser().parse_args(console["command"])
    assert (arguments.staff_command, arguments.port, arguments.host) == ("console", 5002, "0.0.0.0")
    assert arguments.tracker_db_url == console["environment"]["DATABASE_URL"]
    assert console["environment"]["RASA_TOKEN"] == env_values()["RASA_TOKEN"]
    host, port = re.match(r"http://([^:/]+):(\d+)$", arguments.rasa_url).groups()
    assert host == "nginx" and int(port) in container_ports(compose["services"]["nginx"])
    internal = servers_listening_on(nginx, int(port))
    assert value_of(location_for(internal[0], "/conversations/abc/execute"), "proxy_pass")
    assert int(port) not in {c for _, _, c in published_ports(compose["services"]["nginx"])}
    assert console["image"] == compose["services"]["actions"]["image"]


# --- tests: health, restarts, dependencies -----------------------------------------------

def test_every_service_has_a_health_check_restart_policy_and_conditions(compose):
    assert health_problems(compose) == []
    unchecked = broken(compose, lambda c: c["services"]["redis"].pop("healthcheck"))
    assert health_problems(unchecked) == ["redis: health check '' does not check 'redis-cli ping'"]
    careless = broken(compose, lambda c: c["services"]["nginx"].update(
        restart="no", depends_on={"rasa-1": {}}))
    assert health_problems(careless) == ["nginx: no restart policy", "nginx → rasa-1: no condition"]


def test_rasa_waits_for_its_stores_and_the_action_server(compose):
    for name in RASA_REPLICAS:
        assert compose["services"][name]["depends_on"] == {
            dependency: {"condition": "service_healthy"}
            for dependency in ("postgres", "redis", "actions")}


# --- tests: image requirements -----------------------------------------------------------

def image_requirement_files() -> List[Path]:
    return sorted(ROOT.glob("requirements-*.txt"))


def test_image_requirements_are_pinned_as_in_requirements_txt():
    pinned = requirement_pins(ROOT / "requirements.txt")
    files = image_requirement_files()
    assert {f.name for f in files} >= {"requirements-nlu.txt", "requirements-actions.txt"}
    for path in files:
        for name, version in requirement_pins(path).items():
            assert version, f"{path.name}: {name} is not pinned"
            assert pinned.get(name) == version, f"{path.name}: {name}=={version}, " \
                f"requirements.txt has {pinned.get(name)}"


def test_each_image_installs_its_requirements_with_requirements_txt_as_constraints():
    for dockerfile, requirements in (("rasa.Dockerfile", "requirements-nlu.txt"),
                                     ("actions.Dockerfile", "requirements-actions.txt")):
        runs = " ".join(" ".join(args) for keyword, args in
                        dockerfile_instructions((ROOT / "docker" / dockerfile).read_text())
                        if keyword == "RUN")
        assert re.search(rf"-r \S*/{re.escape(requirements)}\b", runs), dockerfile
        assert re.search(r"-c \S*/requirements\.txt\b", runs), dockerfile


def test_nlu_requirements_cover_what_the_custom_components_import_beyond_the_rasa_image():
    # jieba and spaCy come with rasa[full]; what the Rasa image lacks must be listed.
    nlu = requirement_pins(ROOT / "requirements-nlu.txt")
    assert {"fugashi", "unidic-lite", "langdetect"} <= set(nlu)
    assert "rasa" not in nlu and "tensorflow" not in nlu
