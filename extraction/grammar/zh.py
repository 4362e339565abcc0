"""Chinese: read by the shared CJK reader with the data of extraction/data/lexicons/zh.toml.

"天天果园宣布新获1亿元人民币D+轮融资,由X领投", "凡客近日已完成逾1億美元的第7輪(G輪)融資,IDG、淡馬錫等
老股東均有參與". Chinese has no spaces between words, so the word-based engine does not apply.
"""

from __future__ import annotations

from extraction.grammar.lexicon import build_grammar

GRAMMAR = build_grammar("zh")
