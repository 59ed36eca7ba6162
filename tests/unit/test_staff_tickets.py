"""The ticket service the dialogue side calls: masked texts, one active ticket, persistence."""

import pytest

from bot.staff import tickets
from bot.storage.database import session_scope
from bot.storage.models import TicketMessage

MY_NUMBER = "1234 5678 9018"  # a valid check digit: a real-looking individual number


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'assistant.db'}"


def test_transcript_and_messages_are_stored_masked(database_url):
    ticket_id = tickets.open_ticket(
        "conv-1", "line", "en", "Call me on 090-1234-5678",
        [("resident", f"My number is {MY_NUMBER}"), ("assistant", "Sorry, I have no answer.")],
        database_url=database_url)
    tickets.add_resident_message("conv-1", "mail me at taro@example.jp", database_url)
    ticket = tickets.get_ticket(ticket_id, database_url)
    assert ticket.summary == "Call me on [電話番号]"
    assert [(m.author, m.text) for m in ticket.messages] == [
        ("resident", "My number is [個人番号]"), ("assistant", "Sorry, I have no answer."),
        ("resident", "mail me at [メール]")]
    with session_scope(database_url) as db:  # what is really on disk
        stored = " ".join(m.text for m in db.query(TicketMessage))
    assert "5678" not in stored and "example.jp" not in stored


def test_one_active_ticket_per_conversation(database_url):
    first = tickets.open_ticket("conv-1", "line", "ja", "a", database_url=database_url)
    assert tickets.open_ticket("conv-1", "line", "ja", "b", database_url=database_url) == first
    assert tickets.open_ticket_for("conv-1", database_url) == first
    tickets.close(first, "hanako", database_url)
    assert tickets.open_ticket_for("conv-1", database_url) is None
    assert tickets.add_resident_message("conv-1", "hello?", database_url) is None
    second = tickets.open_ticket("conv-1", "line", "ja", "c", database_url=database_url)
    assert second != first


def test_staff_replies_wait_until_delivered(database_url):
    ticket_id = tickets.open_ticket("conv-2", "socketio", "ko", "", database_url=database_url)
    first = tickets.add_staff_reply(ticket_id, "hanako", "안녕하세요", database_url)
    second = tickets.add_staff_reply(ticket_id, "hanako", "잠시만 기다려 주세요", database_url)
    pending = tickets.undelivered_staff_replies("conv-2", database_url)
    assert [(m.id, m.text, m.staff_name) for m in pending] == [
        (first, "안녕하세요", "hanako"), (second, "잠시만 기다려 주세요", "hanako")]
    tickets.mark_delivered([first], database_url)
    assert [m.id for m in tickets.undelivered_staff_replies("conv-2", database_url)] == [second]
    assert tickets.undelivered_staff_replies("another", database_url) == []


def test_lifecycle_and_errors(database_url):
    ticket_id = tickets.open_ticket("conv-3", "line", "vi", "", database_url=database_url)
    assert tickets.get_ticket(ticket_id, database_url).status == "open"
    tickets.assign(ticket_id, "jiro", database_url)
    assigned = tickets.get_ticket(ticket_id, database_url)
    assert (assigned.status, assigned.assignee) == ("assigned", "jiro")
    tickets.close(ticket_id, "hanako", database_url)
    closed = tickets.get_ticket(ticket_id, database_url)
    assert (closed.status, closed.assignee) == ("closed", "jiro") and closed.closed_at
    with pytest.raises(tickets.TicketError):
        tickets.add_staff_reply(ticket_id, "jiro", "late", database_url)
    with pytest.raises(tickets.TicketError):
        tickets.assign(ticket_id, "jiro", database_url)
    with pytest.raises(tickets.TicketNotFound):
        tickets.get_ticket(999, database_url)
    with pytest.raises(tickets.TicketError):
        tickets.list_tickets(status="pending", database_url=database_url)
    with pytest.raises(tickets.TicketError):
        tickets.open_ticket("conv-4", "line", "ja", "", [("robot", "hi")],
                            database_url=database_url)
    assert tickets.open_ticket_for("conv-4", database_url) is None  # nothing half-stored


def test_list_filters(database_url):
    ids = {
        key: tickets.open_ticket(f"c-{key}", channel, language, key, database_url=database_url)
        for key, channel, language in (("a", "line", "en"), ("b", "socketio", "en"),
                                       ("c", "line", "zh"))}
    tickets.assign(ids["b"], "hanako", database_url)

    def found(**filters):
        return {t.summary for t in tickets.list_tickets(database_url=database_url, **filters)}

    assert found() == {"a", "b", "c"}
    assert found(language="en") == {"a", "b"}
    assert found(channel="line") == {"a", "c"}
    assert found(status="assigned") == {"b"}
    assert found(status="open", language="en", channel="line") == {"a"}
    assert tickets.ticket_channels(database_url) == ["line", "socketio"]


def test_satisfaction_is_kept_with_the_latest_closed_ticket(database_url):
    assert tickets.record_satisfaction("conv-5", True, database_url) is None  # nothing closed
    first = tickets.open_ticket("conv-5", "line", "en", "", database_url=database_url)
    tickets.close(first, "hanako", database_url)
    second = tickets.open_ticket("conv-5", "line", "en", "", database_url=database_url)
    tickets.close(second, "hanako", database_url)
    assert tickets.record_satisfaction("conv-5", False, database_url) == second
    assert tickets.get_ticket(second, database_url).satisfied is False
    assert tickets.get_ticket(first, database_url).satisfied is None


def test_a_long_resident_message_reaches_the_ticket_whole_in_parts(database_url):
    ticket_id = tickets.open_ticket("conv-long", "rest", "ja", "a", database_url=database_url)
    # a My Number across the first part's end is masked before the message is cut
    head = "あ" * (tickets.MAX_TEXT_LENGTH - 6)
    message = f"{head}{MY_NUMBER} " + "い" * 9000 + "\0おわり"
    assert tickets.add_resident_message("conv-long", message, database_url) == ticket_id
    parts = [m.text for m in tickets.get_ticket(ticket_id, database_url).messages]
    assert all(len(part) <= tickets.MAX_TEXT_LENGTH for part in parts)
    assert "".join(parts) == f"{head}[個人番号] " + "い" * 9000 + "\ufffdおわり"


def test_a_staff_reply_over_the_limit_is_refused_not_cut(database_url):
    ticket_id = tickets.open_ticket("conv-staff", "rest", "ja", "a", database_url=database_url)
    with pytest.raises(tickets.TicketError):
        tickets.add_staff_reply(ticket_id, "sato", "x" * (tickets.MAX_TEXT_LENGTH + 1),
                                database_url)
