"""Staff commands: validate, stale, and the Excel round trip."""

import subprocess
import sys

from tests.conftest import PROJECT_ROOT
from tests.unit.test_knowledge_files import faq_yaml, write


def faq_cli(*args):
    return subprocess.run([sys.executable, "-m", "bot", "faq", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True)


def test_validate_passes_on_good_files_and_fails_with_located_errors(tmp_path):
    write(tmp_path, "a.yml", faq_yaml("ok-one"))
    good = faq_cli("--knowledge", str(tmp_path), "validate")
    assert good.returncode == 0
    assert "1 FAQs in 1 files: 0 errors, 0 warnings." in good.stdout
    write(tmp_path, "b.yml", faq_yaml("bad-one", drop_language="zh"))
    bad = faq_cli("--knowledge", str(tmp_path), "validate")
    assert bad.returncode == 1
    assert f"{tmp_path}/faq/b.yml:7: error: FAQ 'bad-one': title in 'zh' is missing." in bad.stdout


def test_validate_warns_about_a_source_outside_chiba_and_the_state_but_passes(tmp_path):
    path = write(tmp_path, "a.yml", faq_yaml("elsewhere", source="https://www.city.yokohama.lg.jp/a"))
    result = faq_cli("--knowledge", str(tmp_path), "validate")
    assert result.returncode == 0
    assert (f"{path}:5: warning: 出典 https://www.city.yokohama.lg.jp/a は千葉県・県内市町村・"
            "国の機関のページではありません。 Fix: 同じ内容の千葉県か県内市町村、国のページがあれば"
            "出典をそちらにしてください。") in result.stdout
    assert "1 FAQs in 1 files: 0 errors, 1 warnings." in result.stdout


def test_stale_lists_faqs_older_than_the_limit(tmp_path):
    write(tmp_path, "a.yml", faq_yaml("old-one", reviewed="2020-01-01"), faq_yaml("new-one"))
    result = faq_cli("--knowledge", str(tmp_path), "stale", "--days", "365")
    assert "old-one last reviewed 2020-01-01" in result.stdout
    assert "new-one" not in result.stdout
    assert "1 of 2 FAQs not reviewed in the last 365 days." in result.stdout


def test_excel_round_trip_loses_nothing(tmp_path):
    sheet = tmp_path / "faq.csv"
    exported = faq_cli("export-csv", str(sheet))
    assert exported.returncode == 0, exported.stderr
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Japanese
    copy = tmp_path / "copy"
    imported = faq_cli("--knowledge", str(copy), "import-csv", str(sheet))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    again = tmp_path / "again.csv"
    faq_cli("--knowledge", str(copy), "export-csv", str(again))
    assert again.read_text(encoding="utf-8-sig") == sheet.read_text(encoding="utf-8-sig")


def test_import_refuses_a_sheet_without_the_columns(tmp_path):
    sheet = tmp_path / "wrong.csv"
    sheet.write_text("id,answer\nx,y\n", encoding="utf-8")
    result = faq_cli("--knowledge", str(tmp_path), "import-csv", str(sheet))
    assert result.returncode == 2
    assert "columns missing" in result.stderr
