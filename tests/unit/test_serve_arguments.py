"""`make run` starts Rasa with its API behind the token, whatever characters the token has."""

import argparse

import pytest
from rasa.cli import run as rasa_run_cli

from bot.serve import rasa_server_arguments


@pytest.mark.parametrize("token", ["-starts-with-a-dash", "--looks-like-an-option", "plain_Token1"])
def test_rasa_reads_the_token_and_the_origins_as_given(token):
    parser = argparse.ArgumentParser()
    rasa_run_cli.add_subparser(parser.add_subparsers(), parents=[])
    arguments = parser.parse_args(["run", *rasa_server_arguments(
        "127.0.0.1", 5005, token, ["http://localhost:8080", "https://www.pref.chiba.lg.jp"])])
    assert arguments.auth_token == token and arguments.enable_api
    assert arguments.interface == "127.0.0.1" and arguments.port == 5005
    assert arguments.cors == ["http://localhost:8080", "https://www.pref.chiba.lg.jp"]
