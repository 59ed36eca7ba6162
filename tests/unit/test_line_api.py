"""The LINE client against the stand-in: what LINE accepts, retries, quota."""

import pytest

from connectors.line_api import LineApiError, LineMessagingApi, RetryPolicy

FAST = RetryPolicy(attempts=4, first_delay_s=0.01, timeout_s=5)
HELLO = [{"type": "text", "text": "こんにちは"}]


@pytest.fixture
async def client(line_api):
    api = LineMessagingApi(line_api.stand_in.access_token, line_api.base_url, FAST)
    yield api
    await api.close()


async def test_reply_reaches_the_user_of_the_reply_token(client, line_api):
    token = line_api.stand_in.issue_reply_token("U1")
    await client.reply(token, HELLO)
    assert [d.texts for d in line_api.stand_in.deliveries_to("U1")] == [["こんにちは"]]


async def test_a_used_or_expired_reply_token_is_reported_as_such(client, line_api):
    token = line_api.stand_in.issue_reply_token("U1")
    await client.reply(token, HELLO)
    with pytest.raises(LineApiError) as error:
        await client.reply(token, HELLO)
    assert error.value.invalid_reply_token


async def test_push_is_retried_after_429_and_5xx_and_delivered_once(client, line_api):
    line_api.stand_in.fail_next("push", 429, 500, 503)
    await client.push("U2", HELLO)
    pushes = [r for r in line_api.stand_in.requests if r.path.endswith("/push")]
    assert [r.status for r in pushes] == [429, 500, 503, 200]
    assert len({r.retry_key for r in pushes}) == 1  # LINE deduplicates retries by this key
    assert len(line_api.stand_in.deliveries_to("U2")) == 1


async def test_push_gives_up_after_the_last_attempt(client, line_api):
    line_api.stand_in.fail_next("push", 500, 500, 500, 500)
    with pytest.raises(LineApiError) as error:
        await client.push("U2", HELLO)
    assert error.value.status == 500
    assert line_api.stand_in.deliveries_to("U2") == []


async def test_client_errors_are_not_retried(client, line_api):
    with pytest.raises(LineApiError) as error:
        await client.push("U3", [{"type": "text", "text": ""}])
    assert error.value.status == 400
    assert len(line_api.stand_in.requests) == 1


async def test_a_wrong_access_token_is_refused(line_api):
    api = LineMessagingApi("not-the-token", line_api.base_url, FAST)
    try:
        with pytest.raises(LineApiError) as error:
            await api.push("U1", HELLO)
    finally:
        await api.close()
    assert error.value.status == 401


async def test_multicast_counts_against_the_monthly_quota(client, line_api):
    line_api.stand_in.monthly_limit = 3
    assert await client.monthly_quota() == 3
    await client.multicast(["U1", "U2"], HELLO)
    assert await client.messages_sent_this_month() == 2
    with pytest.raises(LineApiError) as error:
        await client.multicast(["U3", "U4"], HELLO)
    assert error.value.status == 429


async def test_multicast_refuses_more_than_500_recipients_before_calling(client, line_api):
    with pytest.raises(ValueError):
        await client.multicast([f"U{i}" for i in range(501)], HELLO)
    assert line_api.stand_in.requests == []


async def test_profile_language(client, line_api):
    line_api.stand_in.profiles["U9"] = {"userId": "U9", "displayName": "Lan", "language": "vi"}
    assert (await client.profile("U9"))["language"] == "vi"
