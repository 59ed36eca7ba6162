"""Attacks on the staff console's sign-in: redirects out of the site, guessing passwords in
parallel, and locking a member of staff out from elsewhere."""

import asyncio

import pytest
import yaml

from bot.staff import accounts
from bot.staff.drafts import write_draft
from tests.unit.test_staff_console import log_in

ELSEWHERE = "203.0.113.9"  # a stranger's address (TEST-NET-3)


@pytest.mark.parametrize("target", [
    "//evil.example/", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
    "/\\evil.example", "\\\\evil.example", "/ /evil.example", "https://evil.example/",
    "/\u2028/evil.example", "/\x00/evil.example", "javascript:alert(1)", "",
])
async def test_signing_in_never_redirects_off_the_site(console, target):
    response = await log_in(console, next=target)
    assert response.status == 302
    assert response.headers["Location"] == "/tickets"


async def test_a_path_on_the_site_is_kept_after_signing_in(console):
    response = await log_in(console, next="/tickets/7?view=all")
    assert response.headers["Location"] == "/tickets/7?view=all"


async def test_parallel_guesses_get_no_more_tries_than_sequential_ones(console):
    guesses = await asyncio.gather(*(log_in(console, password=f"guess-{i}")
                                     for i in range(3 * accounts.MAX_FAILURES)))
    statuses = sorted(response.status for response in guesses)
    # Each guess counts the ones recorded before it, still being checked included: at most
    # MAX_FAILURES passwords are checked, fewer (even none) when the guesses arrive all at once.
    assert statuses.count(401) <= accounts.MAX_FAILURES
    assert statuses.count(401) + statuses.count(429) == len(guesses)
    assert (await log_in(console)).status == 429  # even the right password waits now


async def test_a_stranger_guessing_elsewhere_cannot_lock_staff_out(console, database_url):
    for attempt in range(4 * accounts.MAX_FAILURES):
        accounts.log_in("hanako", f"guess-{attempt}", ELSEWHERE, database_url)
    assert accounts.log_in("hanako", "guess", ELSEWHERE, database_url).outcome == "throttled"
    assert (await log_in(console)).status == 302  # hanako, from her own desk


async def test_one_address_guessing_many_accounts_is_throttled(database_url):
    outcomes = [accounts.log_in(f"user-{i}", "guess", ELSEWHERE, database_url).outcome
                for i in range(accounts.MAX_ADDRESS_FAILURES + 3)]
    assert outcomes.count("wrong") == accounts.MAX_ADDRESS_FAILURES
    assert outcomes[-1] == "throttled"


@pytest.mark.parametrize("question", [
    "bell\x07 escape\x1b[31m nul\x00 del\x7f c1\x85\x9b", "line\u2028separator\u2029paragraph",
    "bom\ufeff nonchar\ufffe surrogate\ud800", "quote \" backslash \\ hash # colon: yes",
    "--- ...\n- [a, {b: c}] &anchor *alias !!python/object", "改行\r\nタブ\t絵文字🧯",
])
def test_a_draft_keeps_any_question_readable_and_exact(tmp_path, question):
    draft = write_draft(7, question, "ja", tmp_path)
    entry = yaml.safe_load(draft.path.read_text(encoding="utf-8"))["faqs"][0]
    assert entry["questions"]["ja"] == [question]
    assert not [p for p in draft.problems if "YAML" in p.message or "read" in p.message]
