"""The action server is called without the domain, in every configuration: no action reads it,
and it is the largest part of the request after the conversation itself."""

import ast

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from tests.conftest import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "docker/endpoints.yml"])
def test_the_action_call_carries_no_domain(endpoints, monkeypatch):
    monkeypatch.setenv("POSTGRES_PASSWORD", "set-by-compose")  # in docker/endpoints.yml
    endpoint = read_endpoints_from_path(PROJECT_ROOT / endpoints).action
    call = RemoteAction("action_answer_faq", endpoint)._action_call_format(
        DialogueStateTracker("resident", DOMAIN.slots), DOMAIN)
    assert call["next_action"] == "action_answer_faq" and "tracker" in call
    assert "domain" not in call


def test_no_action_reads_the_domain():
    """Were one to read it, it would get an empty dict: it must then be listed under
    `send_domain` in domain.yml instead."""
    for module in sorted((PROJECT_ROOT / "bot" / "actions").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "domain":
                assert isinstance(node.ctx, ast.Store), f"{module.name}:{node.lineno}"
