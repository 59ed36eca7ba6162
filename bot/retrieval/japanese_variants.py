"""Japanese spelling variants that unidic's lemmas do not already fold.

unidic lemmas unify okurigana and kana/kanji spellings (引越し/引っ越し → 引っ越し, ごみ/ゴミ →
塵, 子ども/こども → 子供). What is left: old kanji forms (舊字體) that residents still type
or that old documents carry, a few words of administration that mean the same thing, and
short forms of official names.
"""

# Old (traditional) kanji → the forms used today (常用漢字). One to one, applied before
# morphological analysis so the analyzer sees the words it knows.
_OLD_NEW = """
舊旧 證証 點点 會会 體体 國国 學学 區区 縣県 變変 轉転 當当 來来 圓円 廣広 聲声 賣売 讀読
與与 擔担 濱浜 邊辺 邉辺 齋斎 齊斉 髙高 﨑崎 德徳 廳庁 號号 氣気 實実 壽寿 處処 數数 總総
應応 戶戸 兒児 將将 藝芸 醫医 藥薬 驛駅 鐵鉄 團団 圖図 惠恵 澤沢 櫻桜 佛仏 拂払 擴拡 辯弁
辨弁 瓣弁 歷歴 勞労 榮栄 營営 稅税 險険 檢検 劑剤 隨随 雜雑 續続 繼継 觀観 權権 歡歓 關関
顯顕 屆届 祕秘 淨浄 靜静 壞壊 懷懐 鷄鶏 黨党 傳伝 價価 假仮 兩両 內内 剩剰 勵励 參参 發発
萬万 寫写 缺欠 單単 嚴厳 壓圧 增増 寢寝 對対 專専 屬属 帶帯 廢廃 彈弾 從従 恆恒 惡悪 戀恋
拜拝 擇択 據拠 敎教 晝昼 條条 樂楽 樣様 歸帰 殘残 淺浅 滯滞 燈灯 燒焼 爭争 獨独 獻献 產産
畫画 盡尽 眞真 碎砕 禮礼 稱称 穗穂 竝並 粹粋 絲糸 經経 繪絵 縱縦 聽聴 肅粛 腦脳 臟臓 舍舎
莊荘 蟲虫 衞衛 裝装 覺覚 譯訳 豐豊 賴頼 踐践 輕軽 辭辞 遲遅 醉酔 釋釈 鑛鉱 閱閲 隱隠 靈霊
顏顔 飮飲 餘余 驗験 髮髪 鬪闘 黑黒 默黙 齒歯 鹽塩 壯壮 狀状 戰戦 收収 乘乗 亞亜 兒児 圍囲
"""

OLD_TO_NEW_KANJI = str.maketrans(
    {pair[0]: pair[1] for pair in _OLD_NEW.split() if len(pair) == 2}
)

# Lemma → the lemma it is counted as. Words of the same administrative meaning that unidic
# keeps apart (転居 and 引っ越し are both "moving house"; the verb and the noun of it too).
SYNONYM_LEMMAS = {
    "転居": "引っ越し",
    "転宅": "引っ越し",
    "引っ越す": "引っ越し",
    "移り住む": "引っ越し",
    "スマホ": "スマートフォン",
    "ケータイ": "携帯",
    "手続く": "手続き",
    "申し込む": "申し込み",
    "問い合わせる": "問い合わせ",
    "届け出る": "届け出",
    "受け付ける": "受け付け",
    "支払う": "支払い",
    "払う": "支払い",
    "納める": "納付",
    "失くす": "無くす",
    "紛失": "無くす",
    "無くなる": "無くす",
    "交付": "発行",
    "再交付": "再発行",
}


# Everyday short forms of official names, spelled out before analysis: the tagger splits
# "マイナカード" into マイナ + カード, which shares nothing with マイ + ナンバー + カード.
_SHORT_FORMS = {
    "マイナカード": "マイナンバーカード",
    "マイナ保険証": "マイナンバーカードの保険証",
}


def to_new_kanji(text: str) -> str:
    return text.translate(OLD_TO_NEW_KANJI)


def spell_out_short_forms(text: str) -> str:
    for short, full in _SHORT_FORMS.items():
        text = text.replace(short, full)
    return text
