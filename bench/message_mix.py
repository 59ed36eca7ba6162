"""A realistic mix of what residents send, across the six languages: mostly FAQ questions,
then greetings, shelter lookups (asking, then sharing a location) and language switches."""

import json

MESSAGE_MIX = [
    "こんにちは",
    "住民票をコンビニで取りたい",
    "/share_location" + json.dumps({"latitude": 35.6130, "longitude": 140.1134}),
    "How do I renew my residence card?",
    "마이넘버 카드를 잃어버렸어요",
    "/choose_language" + json.dumps({"language": "vi"}),
    "xin chào",
    "gia hạn thẻ cư trú ở đâu",
    "粗大ゴミの出し方",
    "我想办理转入手续",
    "where is the nearest evacuation shelter",
    "thank you",
    "/choose_language" + json.dumps({"language": "ja-easy"}),
    "じしんが きたら どう しますか",
    "子どもが夜に熱を出した",
    "구급차는 무료인가요?",
    "附近的避难所在哪里",
    "/share_location" + json.dumps({"latitude": 35.6947, "longitude": 139.9826}),
]
