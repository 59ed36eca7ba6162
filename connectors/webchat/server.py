"""A small web server for the chat widget: `static/` under /webchat/ and a demo page at /.

Production serves `static/` with nginx; this server is for `make run` and the tests. The demo
page is a mock prefecture page embedding the widget with its one script tag, pointed at the Rasa
server given here (by default the page's own origin).

    python -m connectors.webchat.server --port 8080 --rasa-url http://localhost:5005
"""

import argparse
import html
from pathlib import Path

from aiohttp import web

STATIC_DIR = Path(__file__).parent / "static"
DEMO_PAGE = Path(__file__).parent / "demo" / "index.html"


def create_app(rasa_url: str = "") -> web.Application:
    page = DEMO_PAGE.read_text(encoding="utf-8").replace(
        "{{rasa_url}}", html.escape(rasa_url, quote=True))

    async def demo(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/", demo)
    app.router.add_static("/webchat/", STATIC_DIR)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="",
                        help="the Rasa server as the browser reaches it (default: same origin)")
    args = parser.parse_args()
    web.run_app(create_app(args.rasa_url), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
