"""The web chat's files as a web server serves them: the demo page embeds the widget with one
script tag, every file has its content type, and nothing points to another server."""

import os
import re
import subprocess

from aiohttp.test_utils import TestClient, TestServer
import pytest

from connectors.webchat.server import STATIC_DIR, create_app
from tests.conftest import PROJECT_ROOT

RASA_URL = "http://localhost:5005"
WEBCHAT_DIR = PROJECT_ROOT / "connectors" / "webchat"
_URL = re.compile(r"https?://[^\s\"'<>()\\]+")
# In socket.io-client, inside an error message for people who upgrade; never fetched.
_DOCUMENTATION_LINKS = {"https://socket.io/docs/v3/migrating-from-2-x-to-3-0/"}
_CONTENT_TYPES = {".js": {"text/javascript", "application/javascript"}, ".css": {"text/css"}}


@pytest.fixture
async def client():
    async with TestClient(TestServer(create_app(RASA_URL))) as client:
        yield client


async def test_the_demo_page_embeds_the_widget_with_one_script_tag(client):
    response = await client.get("/")
    assert response.status == 200
    assert response.content_type == "text/html" and response.charset == "utf-8"
    page = await response.text()
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts == [f'<script src="/webchat/widget.js" data-server="{RASA_URL}" defer>']


async def test_every_static_file_is_served_with_its_content_type(client):
    files = sorted(p for p in STATIC_DIR.iterdir() if p.is_file())
    assert [p.name for p in files] == ["widget.css", "widget.js"]
    for path in files:
        response = await client.get(f"/webchat/{path.name}")
        assert response.status == 200, path.name
        assert response.content_type in _CONTENT_TYPES[path.suffix], path.name
        assert await response.read() == path.read_bytes()


async def test_files_outside_the_static_folder_are_not_served(client):
    for path in ("/webchat/../server.py", "/webchat/%2e%2e/server.py", "/webchat/nothing.js",
                 "/server.py"):
        assert (await client.get(path)).status == 404, path


async def test_no_served_file_points_anywhere_but_the_configured_assistant(client):
    served = [await (await client.get("/")).text()]
    served += [await (await client.get(f"/webchat/{p.name}")).text() for p in STATIC_DIR.iterdir()]
    urls = {url for text in served for url in _URL.findall(text)}
    assert urls - _DOCUMENTATION_LINKS == {RASA_URL}


def test_the_bundle_is_ascii_so_any_page_encoding_reads_it():
    """Many municipal sites are still Shift_JIS; a script without charset is read in the
    page's encoding."""
    for path in STATIC_DIR.iterdir():
        path.read_bytes().decode("ascii")


def test_the_served_bundle_is_built_from_the_sources(tmp_path):
    """static/ is what build.sh makes of src/ and vendor/: nobody edits the bundle by hand."""
    subprocess.run([str(WEBCHAT_DIR / "build.sh")], check=True, timeout=60,
                   env=dict(os.environ, OUT_DIR=str(tmp_path)))
    for name in ("widget.js", "widget.css"):
        assert (tmp_path / name).read_bytes() == (STATIC_DIR / name).read_bytes(), name


def test_the_bundle_carries_socket_io_client_s_licence():
    header = (STATIC_DIR / "widget.js").read_text(encoding="ascii").split("*/")[0]
    licence = (WEBCHAT_DIR / "vendor" / "socket.io-client.LICENSE").read_text().splitlines()
    assert licence[0] == "The MIT License (MIT)"
    assert all(f" * {line}".rstrip() + "\n" in header for line in licence)
