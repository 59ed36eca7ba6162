"""A realistic mix of what residents send, across the six languages: FAQ questions,
greetings, shelter lookups by location and language switches."""

import json

MESSAGE_MIX = [
    "こんにちは",
    "住民票をコンビニで取りたい",
    "/share_location" + json.dumps({"latitude": 35.6130, "longitude": 140.1134}),
    "How do I renew my residence card?",
    "마이넘버 카드를 잃어버렸어요",
    "/choose_language" + json.dumps({"language": "vi"}),
    "xin chào",
    "粗大ゴミの出し方",
    "我想办理转入手续",
    "where is the nearest evacuation shelter",
    "thank you",
    "子どもが夜に熱を出した",
]
