"""Disaster alerts reach every subscriber once, in their language, within LINE's limits."""

import json
import os
import subprocess
import sys

import pytest

from bot.alerts.alert_file import AlertFileError, load_alert
from bot.storage.models import AlertSubscription
from bot.alerts.sender import send_alert
from bot.alerts.subscriptions import subscribe
from bot.i18n import text
from bot.storage.database import session_scope
from connectors.line_api import LineMessagingApi, RetryPolicy
from tests.conftest import PROJECT_ROOT

ICHIKAWA, CHIBA = "122033", "121002"
JA = "市川市に避難指示（警戒レベル4）を発令しました。江戸川沿いの方は直ちに避難してください。"


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'alerts.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def alert_file(tmp_path):
    path = tmp_path / "alert.yml"
    path.write_text(f'message:\n  ja: "{JA}"\n  en: "Evacuate now: Edogawa riverside."\n',
                    encoding="utf-8")
    return path


@pytest.fixture
async def api(line_api):
    client = LineMessagingApi(line_api.stand_in.access_token, line_api.base_url,
                              RetryPolicy(attempts=3, first_delay_s=0.01, timeout_s=5))
    yield client
    await client.close()


def test_languages_without_a_text_get_the_level_template_then_the_japanese(alert_file):
    alert = load_alert(alert_file, ICHIKAWA, 4)
    assert alert.text_for("en") == "Evacuate now: Edogawa riverside."
    assert alert.text_for("ja") == JA
    vietnamese = alert.text_for("vi")
    assert vietnamese.startswith("[Cảnh báo cấp 4, Ichikawa (市川市)]")
    assert vietnamese.endswith(JA)
    assert alert.text_for("ko").startswith("[경계 레벨 4・이치카와시]")
    assert load_alert(alert_file, "all", 5).text_for("zh").startswith("【警戒级别5・千叶县全境】")


@pytest.mark.parametrize("content, municipality, level, problem", [
    ("message:\n  en: only English\n", ICHIKAWA, 3, "Japanese text"),
    ("message:\n  ja: x\n  fr: y\n", ICHIKAWA, 3, "unknown language"),
    ("just a line\n", ICHIKAWA, 3, "under 'message:'"),
    ("message:\n  ja: x\n", "999999", 3, "unknown municipality"),
    ("message:\n  ja: x\n", ICHIKAWA, 6, "levels are 1 to 5"),
])
def test_a_wrong_alert_file_says_what_to_fix(tmp_path, content, municipality, level, problem):
    path = tmp_path / "alert.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AlertFileError, match=problem):
        load_alert(path, municipality, level)


def _subscribe_many(database):
    """1,203 in Ichikawa (vi 700, en 3, ja 500), 2 for all of Chiba, 3 in Chiba City."""
    with session_scope(database) as session:  # one transaction: 1,200 commits take seconds
        session.add_all(
            [AlertSubscription(channel="line", recipient=f"Uvi{i}", municipality_code=ICHIKAWA,
                               language="vi") for i in range(700)]
            + [AlertSubscription(channel="line", recipient=f"Uja{i}", municipality_code=ICHIKAWA,
                                 language="ja") for i in range(500)])
    for i in range(3):
        subscribe("line", f"Uen{i}", ICHIKAWA, "en", database)
    subscribe("line", "Uall-ko", "all", "ko", database)
    subscribe("line", "Uja0", "all", "ja", database)  # also subscribed to Ichikawa: once
    for i in range(3):
        subscribe("line", f"Uchiba{i}", CHIBA, "zh", database)


async def test_every_subscriber_gets_it_once_in_batches_of_at_most_500(
        api, line_api, database, alert_file):
    _subscribe_many(database)
    report = await send_alert(load_alert(alert_file, ICHIKAWA, 4), api)
    deliveries = line_api.stand_in.deliveries
    assert all(d.kind == "multicast" and len(d.to) <= 500 for d in deliveries)
    received = [user for d in deliveries for user in d.to]
    assert len(received) == len(set(received)) == 1204
    assert not any(user.startswith("Uchiba") for user in received)
    by_user = {user: d.texts[0] for d in deliveries for user in d.to}
    assert by_user["Uen1"] == "Evacuate now: Edogawa riverside."
    assert by_user["Uja7"] == JA
    assert by_user["Uvi699"].startswith("[Cảnh báo cấp 4")
    assert by_user["Uall-ko"].startswith("[경계 레벨 4")
    assert (report.recipients, report.sent, report.failed, report.batches) == (1204, 1204, 0, 5)


async def test_the_monthly_quota_is_respected_and_reported(api, line_api, database, alert_file):
    _subscribe_many(database)
    line_api.stand_in.monthly_limit = 5000
    line_api.stand_in.messages_sent = 4500  # LINE's plan leaves 500
    report = await send_alert(load_alert(alert_file, ICHIKAWA, 4), api, monthly_quota=4800)
    assert report.quota == 4800 and report.used_before == 4500 and report.used_after == 4800
    assert report.sent == 300 and report.skipped_over_quota == 904
    assert sum(len(d.to) for d in line_api.stand_in.deliveries) == 300


async def test_429_and_5xx_are_retried_and_a_lost_batch_is_reported(
        api, line_api, database, alert_file):
    _subscribe_many(database)
    line_api.stand_in.fail_next("multicast", 429, 502)      # first batch: retried, delivered
    report = await send_alert(load_alert(alert_file, "all", 4), api)
    assert report.failed == 0 and report.sent == 1207
    line_api.stand_in.deliveries.clear()
    line_api.stand_in.fail_next("multicast", 500, 500, 500)  # first batch: every attempt fails
    report = await send_alert(load_alert(alert_file, "all", 4), api)
    assert report.failed == 500 and report.sent == 707
    assert sum(len(d.to) for d in line_api.stand_in.deliveries) == 707


def test_the_command_prints_the_report(line_api, database, alert_file):
    subscribe("line", "U1", ICHIKAWA, "en", database)
    subscribe("line", "U2", ICHIKAWA, "ko", database)
    env = dict(os.environ, DATABASE_URL=database, LINE_API_BASE_URL=line_api.base_url,
               LINE_CHANNEL_ACCESS_TOKEN=line_api.stand_in.access_token,
               PYTHONPATH=str(PROJECT_ROOT))
    run = subprocess.run(
        [sys.executable, "-m", "bot", "alert", "send", "--municipality", ICHIKAWA, "--level",
         "4", "--message-file", str(alert_file), "--monthly-quota", "1000"],
        env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert (report["sent"], report["failed"], report["quota"]) == (2, 0, 1000)
    assert "sent 2 of 2" in run.stdout
    korean = line_api.stand_in.deliveries_to("U2")[0].texts[0]
    assert korean.startswith(text("alert_level_4", "ko", place="이치카와시")[:10])
