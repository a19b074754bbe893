#!/usr/bin/env python3
"""Writes a tiny multilingual text-embedding model in the layout of a HuggingFace hub repository, for tests.

Alexandria's catalogue downloads multilingual ONNX models (multilingual-e5-small int8) file by
file from a hub repository. No weights can be downloaded where the tests run, so this script
makes a model small enough to reason about, with the same shape of files:

    <out>/onnx/model.onnx            float32 graph
    <out>/onnx/model_quantized.onnx  the same with an int8 layer, as ONNX Runtime's
                                     quantize_dynamic writes it (DynamicQuantizeLinear,
                                     MatMulInteger with an int8 weight and per-column scales)
    <out>/tokenizer.json             a HuggingFace tokenizer: SentencePiece-style Unigram model
                                     with Metaspace pre-tokenisation and <s> $A </s> special
                                     tokens (as XLM-RoBERTa's), whose vocabulary holds Latin
                                     letters and words, and Japanese and Chinese characters

Both graphs take ``input_ids`` and ``attention_mask`` (int64 [batch, tokens]; no
``token_type_ids``, as XLM-RoBERTa models) and return ``last_hidden_state`` float32
[batch, tokens, 8]: row ``id`` of the embedding table, times the attention mask, where

    E[id][d] = ((id * 7 + d * 3) % 11 - 5) / 5        (d = 0..7)

so a test can compute the mean-pooled vector of any tokenised text by hand. The int8 graph
quantises those rows per tensor (uint8, as DynamicQuantizeLinear does: scale = (max(0, max x) -
min(0, min x)) / 255) and multiplies them by 127 times the identity (int8) with column scales
1/127, so it returns the float rows to within one quantisation step.

Usage: make_tiny_onnx_model.py --out DIR      (needs the onnx and numpy packages; no torch)
Operator semantics: https://onnx.ai/onnx/operators/ (opset 13).
"""

import argparse
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

DIM = 8
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]
WORDS = ["query", "passage", "tasks", "task", "due", "today", "done", "the", "a", "of", "notes", "search"]
JAPANESE = ("日本語のテキストも埋め込めます東京都今日明日予定完了検索文書"
            "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
            "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー")
CHINESE = "中文任务今天完成搜索笔记"
PUNCT = ".,:;!?-'\"()[]/#%"


def vocabulary():
    pieces = [(s, 0.0) for s in SPECIALS]
    pieces.append(("\u2581", -4.0))
    for w in WORDS:
        pieces.append(("\u2581" + w, -5.0))
    for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + PUNCT:
        pieces.append(("\u2581" + c, -9.0))
        pieces.append((c, -8.0))
    seen = {p for p, _ in pieces}
    for c in JAPANESE + CHINESE + "。、":
        for p in (c, "\u2581" + c):
            if p not in seen:
                seen.add(p)
                pieces.append((p, -8.5 if p == c else -9.5))
    return pieces


def tokenizer_json(pieces):
    special = [{"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                "normalized": False, "special": True} for i, s in enumerate(SPECIALS)]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": special,
        "normalizer": {"type": "NFKC"},
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {s: {"id": s, "ids": [i], "tokens": [s]} for i, s in enumerate(SPECIALS)
                               if s in ("<s>", "</s>")},
        },
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": 3, "vocab": [[p, s] for p, s in pieces], "byte_fallback": False},
    }


def table(vocab_size):
    e = np.zeros((vocab_size, DIM), dtype=np.float32)
    for i in range(vocab_size):
        for d in range(DIM):
            e[i, d] = ((i * 7 + d * 3) % 11 - 5) / 5.0
    return e


def graph(vocab_size, quantized):
    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])
    out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "tokens", DIM])
    inits = [numpy_helper.from_array(table(vocab_size), "embeddings"),
             numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2")]
    nodes = [helper.make_node("Gather", ["embeddings", "input_ids"], ["rows"], axis=0),
             helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
             helper.make_node("Unsqueeze", ["mask_f", "axis2"], ["mask_3d"])]
    if quantized:
        inits += [numpy_helper.from_array((127 * np.eye(DIM)).astype(np.int8), "w_q"),
                  numpy_helper.from_array(np.array(0, dtype=np.int8), "w_zp"),
                  numpy_helper.from_array(np.full((DIM,), 1 / 127, dtype=np.float32), "w_scale")]
        nodes += [helper.make_node("DynamicQuantizeLinear", ["rows"], ["x_q", "x_scale", "x_zp"]),
                  helper.make_node("MatMulInteger", ["x_q", "w_q", "x_zp", "w_zp"], ["acc"]),
                  helper.make_node("Cast", ["acc"], ["acc_f"], to=TensorProto.FLOAT),
                  helper.make_node("Mul", ["x_scale", "w_scale"], ["scales"]),
                  helper.make_node("Mul", ["acc_f", "scales"], ["hidden"])]
    else:
        nodes.append(helper.make_node("Identity", ["rows"], ["hidden"]))
    nodes.append(helper.make_node("Mul", ["hidden", "mask_3d"], ["last_hidden_state"]))
    g = helper.make_graph(nodes, "tiny_multilingual_encoder", [ids, mask], [out], inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="alexandria-tools")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder to write (created)")
    args = parser.parse_args()
    pieces = vocabulary()
    os.makedirs(os.path.join(args.out, "onnx"), exist_ok=True)
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(pieces), f, ensure_ascii=False, indent=1)
    onnx.save(graph(len(pieces), False), os.path.join(args.out, "onnx", "model.onnx"))
    onnx.save(graph(len(pieces), True), os.path.join(args.out, "onnx", "model_quantized.onnx"))
    print("wrote", args.out, "vocabulary", len(pieces))


if __name__ == "__main__":
    main()
