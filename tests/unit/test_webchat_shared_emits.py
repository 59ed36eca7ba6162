"""The web chat's socket.io server shares its emits through Redis only when told to."""

from unittest.mock import AsyncMock

from socketio import AsyncRedisManager

from connectors.webchat.channel import SHARED_EMITS_SETTING, WebchatInput
from tests.unit.test_webchat_channel import CREDENTIALS


def _server():
    channel = WebchatInput.from_credentials(CREDENTIALS)
    channel.blueprint(AsyncMock())
    return channel.sio


def test_without_the_setting_emits_stay_in_the_process(monkeypatch):
    monkeypatch.delenv(SHARED_EMITS_SETTING, raising=False)
    assert not isinstance(_server().manager, AsyncRedisManager)


def test_with_the_setting_the_server_emits_through_that_redis(monkeypatch):
    monkeypatch.setenv(SHARED_EMITS_SETTING, "redis://127.0.0.1:6379/3")
    sio = _server()
    assert isinstance(sio.manager, AsyncRedisManager)
    assert sio.manager.redis_url == "redis://127.0.0.1:6379/3"
    assert sio.manager.server is sio
