"""Municipality names: the data file, and recognising all 54 in messages in five languages."""

import json
import unicodedata

import pytest

from bot.shelters.gsi_converter import DEFAULT_SOURCE
from bot.shelters.municipalities import (
    MUNICIPALITIES_FILE,
    Municipality,
    MunicipalityMatcher,
    find_municipality,
    fold,
    load_municipalities,
)

MUNICIPALITIES = load_municipalities()
KIND = {"市": ("shi", "City", "thành phố", "시"), "町": ("machi", "Town", "thị trấn", "정"),
        "村": ("mura", "Village", "làng", "촌")}


def _katakana(hiragana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hiragana)


def test_all_54_municipalities_37_cities_16_towns_1_village():
    assert len(MUNICIPALITIES) == 54
    assert len({m.code for m in MUNICIPALITIES}) == 54
    kinds = [m.name[-1] for m in MUNICIPALITIES]
    assert (kinds.count("市"), kinds.count("町"), kinds.count("村")) == (37, 16, 1)


@pytest.mark.skipif(not (DEFAULT_SOURCE / "municipalities.json").is_file(),
                    reason="GSI shelter data not available")
def test_codes_and_names_match_the_gsi_municipality_list():
    cities = json.loads((DEFAULT_SOURCE / "municipalities.json").read_text(encoding="utf-8"))
    names = {c["code"]: c["cityName"] for c in cities["cities"].values() if c["cityName"]}
    # Chiba City's six wards are listed too, but the municipality is the city.
    official = {code: name for code, name in names.items() if not name.startswith("千葉市")
                or name == "千葉市"}
    assert {m.code: m.name for m in MUNICIPALITIES} == official


@pytest.mark.parametrize("m", MUNICIPALITIES, ids=lambda m: m.code)
def test_names_are_written_in_their_script(m: Municipality):
    assert all("ぁ" <= c <= "ゖ" for c in m.kana), m.kana
    assert m.kana.endswith({"市": "し", "町": "まち", "村": "むら"}[m.name[-1]])
    assert m.romaji.isascii() and m.romaji.isalpha() and m.romaji[0].isupper(), m.romaji
    assert all("가" <= c <= "힣" for c in m.ko), m.ko
    assert m.ko[-1] == KIND[m.name[-1]][3]
    assert all(unicodedata.name(c).startswith("CJK") for c in m.zh), m.zh
    assert m.zh[-1] == m.name[-1]


def test_examples_from_the_design():
    assert MUNICIPALITIES[0].name == "千葉市"
    by_name = {m.name: m for m in MUNICIPALITIES}
    assert (by_name["千葉市"].zh, by_name["千葉市"].ko, by_name["千葉市"].romaji) == (
        "千叶市", "지바시", "Chiba")
    assert (by_name["市川市"].zh, by_name["市川市"].ko, by_name["市川市"].romaji) == (
        "市川市", "이치카와시", "Ichikawa")
    assert by_name["鴨川市"].romaji == "Kamogawa"


def _forms(m: Municipality) -> list[str]:
    """Ways residents write the municipality, inside messages."""
    suffix, english, vietnamese, korean = KIND[m.name[-1]]
    bare_kanji, bare_ko = m.name[:-1], m.ko[:-1]
    forms = [
        f"{m.name}に住んでいます", f"千葉県{m.name}の避難所はどこ", f"{m.kana}のひなんじょ",
        _katakana(m.kana), f"I live in {m.romaji}-{suffix}.", f"{m.romaji.lower()}{suffix}",
        f"{m.romaji.upper()} {english.upper()}", f"shelter in {m.romaji} {english}?",
        f"我住在{m.zh}", f"저는 {m.ko}에 살아요", f"{bare_ko} {korean} 대피소",
        f"Tôi sống ở {vietnamese} {m.romaji}",
    ]
    if m.name != "千葉市":  # Chiba alone is the prefecture
        forms += [f"Evacuation site near {m.romaji} station", f"{m.romaji}, Chiba Prefecture"]
    if len(bare_kanji) >= 2 and bare_kanji not in m.ambiguous:
        forms += [f"{bare_kanji}駅の近く", f"{bare_kanji}に住んでる"]
    if len(bare_ko) >= 3:
        forms.append(f"{bare_ko}에 살아요")
    return forms


@pytest.mark.parametrize("m", MUNICIPALITIES, ids=lambda m: f"{m.code}-{m.romaji}")
def test_every_municipality_is_found_in_many_forms(m: Municipality):
    wrong = {}
    for text in _forms(m):
        found = find_municipality(text)
        if found != m:
            wrong[text] = found.name if found else None
    assert not wrong


@pytest.mark.parametrize(
    "text, name",
    [
        ("千葉市", "千葉市"), ("市川", "市川市"), ("市川市", "市川市"), ("いちかわ", "市川市"),
        ("Ichikawa", "市川市"), ("ichikawa-shi", "市川市"), ("Chiba-shi", "千葉市"),
        ("Chiba City", "千葉市"), ("이치카와", "市川市"), ("이치카와시", "市川市"),
        ("千叶市", "千葉市"), ("Thành phố Chiba", "千葉市"), ("TP. Chiba", "千葉市"),
        ("city of Chiba", "千葉市"), ("치바시", "千葉市"), ("카시와시", "柏市"),
        ("지바 시", "千葉市"), ("훗츠시", "富津市"), ("후츠시", "富津市"),
        # Spelling variants: macrons, long vowels, ヶ, 々, Traditional Chinese.
        ("Chōshi", "銚子市"), ("Choushi", "銚子市"), ("Tōnoshō-machi", "東庄町"),
        ("Yotsukaidou", "四街道市"), ("Minamibōsō", "南房総市"), ("Sanmu", "山武市"),
        ("Ohtaki", "大多喜町"), ("鎌ヶ谷", "鎌ケ谷市"), ("袖ヶ浦市", "袖ケ浦市"),
        ("酒酒井", "酒々井町"), ("松戶市", "松戸市"), ("南房總市", "南房総市"), ("榮町", "栄町"),
        ("鎌谷市", "鎌ケ谷市"), ("イチカワシ", "市川市"), ("ｲﾁｶﾜｼ", "市川市"),
        ("ＩＣＨＩＫＡＷＡ", "市川市"), ("いすみ", "いすみ市"), ("夷隅市", "いすみ市"),
        ("xã Chōsei", "長生村"), ("上総一宮駅", "一宮町"),
        # The longest name wins; the prefecture in front does not count.
        ("千葉県千葉市美浜区", "千葉市"), ("千葉県市川市", "市川市"), ("船橋から南房総市へ", "南房総市"),
        ("Funabashi or Ichikawa-shi", "市川市"), ("市川市と船橋市", "市川市"),
    ],
)
def test_examples(text, name):
    found = find_municipality(text)
    assert found is not None and found.name == name, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "", "避難所はどこですか", "Where is the nearest shelter?",
        # The prefecture is not a municipality.
        "千葉県", "千葉", "ちば", "Chiba", "Chiba Prefecture", "Chiba-ken", "지바현", "千叶县",
        "tỉnh Chiba",
        # Other places that contain a Chiba name.
        "市川三郷町", "山梨県の市川大門", "一宮市", "東金町", "千歳船橋", "那智勝浦", "長生郡",
        "夷隅郡", "八千代町", "野田村", "Ichikawamisato", "九十九里浜",
        # Ordinary words that are also short names.
        "なりたいです", "長生きしたい", "ご宿泊のお客様", "栄養", "柏餅", "旭日", "調子が悪い",
        "ちょうしがわるい", "ちょうせいします", "ちょうなんです", "さくらが咲いた", "たこ焼き",
        "しろいねこ", "조난시에는 어떻게 하나요", "노다지",
    ],
)
def test_not_a_chiba_municipality(text):
    assert find_municipality(text) is None


def test_fold_unifies_scripts():
    assert fold("Chōshi-SHI") == fold("choushi shi") == "choshi shi"
    assert fold("イチカワ") == fold("いちかわ")
    assert fold("치바") == fold("지바")
    assert fold("千叶市") == fold("千葉市")


def test_data_file_errors_name_the_file_entry_and_field(tmp_path):
    path = tmp_path / "municipalities.yml"
    path.write_text("municipalities:\n- code: '122033'\n  name: 市川市\n  kana: いちかわし\n"
                    "  romaji: Ichikawa\n  zh: 市川市\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"entry 1 \(市川市\): 'ko' is missing"):
        load_municipalities(path)
    twice = MUNICIPALITIES_FILE.read_text(encoding="utf-8") + "\n".join(
        MUNICIPALITIES_FILE.read_text(encoding="utf-8").splitlines()[8:14])
    path.write_text(twice, encoding="utf-8")
    with pytest.raises(ValueError, match="121002 appear"):
        load_municipalities(path)


def test_a_spelling_shared_by_two_municipalities_is_a_data_error():
    chiba, ichikawa = MUNICIPALITIES[0], MUNICIPALITIES[2]
    clash = Municipality("999999", "市川町", "いちかわまち", "Ichikawa", "市川町", "이치카와정")
    with pytest.raises(ValueError, match="could be 市川市 or 市川町"):
        MunicipalityMatcher((chiba, ichikawa, clash))
