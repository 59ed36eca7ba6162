"""Inside the Rasa process: a message is masked on arrival, logs are masked, and a masked My
Number is answered with the warning unless there is an emergency."""

import json
import logging

import pytest
import structlog

from bot.nlu.my_number_classifier import MY_NUMBER_INTENT, MyNumberClassifier
from bot.privacy.masking import MY_NUMBER_MASK, PHONE_MASK
from bot.rasa_runtime import personal_data

MY_NUMBER = "１２３４－５６７８－９０１８"  # a valid check digit, full-width


@pytest.fixture
def installed(monkeypatch):
    """The adjustment installed for one test; the patched names are restored afterwards."""
    from rasa.core.channels.channel import UserMessage
    from rasa.utils import log_utils

    monkeypatch.setattr(UserMessage, "__init__", UserMessage.__init__)
    monkeypatch.setattr(log_utils, "_anonymizer", log_utils._anonymizer)
    factory = logging.getLogRecordFactory()
    personal_data.install()
    yield
    structlog.reset_defaults()
    logging.setLogRecordFactory(factory)


def test_user_message_is_masked_on_arrival_and_payloads_stay(installed):
    from rasa.core.channels.channel import UserMessage

    message = UserMessage(f"My Number {MY_NUMBER}, tel 090-1234-5678", sender_id="u1",
                          parse_data={"text": f"番号 {MY_NUMBER}", "intent": {}})
    assert message.text == f"My Number {MY_NUMBER_MASK}, tel {PHONE_MASK}"
    assert message.parse_data["text"] == f"番号 {MY_NUMBER_MASK}"
    location = '/share_location{"latitude": 35.123456789018, "longitude": 140.1233}'
    assert UserMessage(location).text == location


def test_structured_log_events_are_masked(installed, caplog):
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.INFO)
    # What rest.py logs when a turn fails: the raw text as the channel received it.
    structlog.get_logger().error("rest.message.received.failure", text=f"番号 {MY_NUMBER}")
    logged = json.loads(caplog.records[-1].getMessage())
    assert logged["event"] == "rest.message.received.failure"
    assert logged["text"] == f"番号 {MY_NUMBER_MASK}"


def test_a_logged_exception_has_no_local_variables_and_is_masked(installed, caplog):
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.INFO)
    text = f"番号 {MY_NUMBER}"  # a local variable of the failing frame, as in rest.py
    try:
        raise KeyError(f"no conversation for {text}")
    except KeyError:
        structlog.get_logger().exception("rest.message.received.failure", text=text)
    logged = json.loads(caplog.records[-1].getMessage())
    assert "KeyError: 'no conversation for 番号 [個人番号]'" in logged["exception"]
    # Stock Rasa would render the frame's locals: `text` raw, JSON-escaped (\\uff11…).
    assert "\\uff11" not in caplog.records[-1].getMessage()


def _classified(text, intent):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.6},
                            "intent_ranking": [{"name": intent, "confidence": 0.6},
                                               {"name": "greet", "confidence": 0.3}]})
    MyNumberClassifier().process([message])
    return message.get("intent")["name"], [r["name"] for r in message.get("intent_ranking")]


def test_the_mask_makes_the_warning_the_only_reading():
    assert _classified(f"私の番号は{MY_NUMBER_MASK}です", "ask_question") == (
        MY_NUMBER_INTENT, [MY_NUMBER_INTENT])


def test_an_emergency_still_wins():
    assert _classified(f"火事です {MY_NUMBER_MASK}", "report_emergency")[0] == "report_emergency"


def test_diets_guess_without_the_mask_is_set_aside():
    assert _classified("私の番号です", MY_NUMBER_INTENT) == ("greet", ["greet"])


def test_metadata_of_a_message_is_masked_on_arrival(installed):
    from rasa.core.channels.channel import UserMessage

    message = UserMessage("hello", sender_id="u1", metadata={
        "note": "マイナンバー 1234−5678−9018", "nested": [{"phone": "090-1234-5678"}], "n": 3})
    assert message.metadata == {"note": f"マイナンバー {MY_NUMBER_MASK}",
                                "nested": [{"phone": PHONE_MASK}], "n": 3}


def test_every_standard_log_record_is_masked_with_its_traceback(installed):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    logger = logging.getLogger("rasa.core.actions.action")
    handler = Keep()
    logger.addHandler(handler)
    try:
        try:
            raise ValueError(f"tracker holds {MY_NUMBER}")
        except ValueError:
            logger.exception("Failed to run custom action for %s", f"text {MY_NUMBER}")
    finally:
        logger.removeHandler(handler)
    (written,) = records
    assert written.count(MY_NUMBER_MASK) == 2
    assert "9018" not in written and "Traceback" in written
