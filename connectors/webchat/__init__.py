"""The website chat widget: its socket.io channel for Rasa and the files a web server serves.

- `channel.py`: Rasa's socket.io channel with replies reaching the browser (see there why).
- `static/`: everything a web server serves for the widget (built by `build.sh` from `src/`
  and the vendored socket.io client in `vendor/`).
- `server.py`: a small aiohttp app serving `static/` and a demo prefecture page.
"""
