#!/usr/bin/env python3
"""Turns the bundled bge-small-en-v1.5 int8 ONNX model into TorchScript model folders for tests.

Alexandria's PyTorch engine runs TorchScript (``.pt``) files. To test it against the bundled
ONNX model (run by ONNX Runtime) without downloading anything, this script rebuilds the same
BERT encoder in plain torch operations, fills it with the ONNX file's own weights, traces it with
``torch.jit.trace``, freezes it and writes a model folder Alexandria loads as a local model:

    <out>/model.pt              forward(input_ids, attention_mask, token_type_ids), int64
                                [batch, tokens] each -> {"last_hidden_state": float32
                                [batch, tokens, 384]}
    <out>/tokenizer.json        the bundled HuggingFace tokenizer, copied
    <out>/alexandria-model.json the descriptor: id, dimension 384, CLS pooling, 512 tokens,
                                normalize, tokenTypes

Three kinds of output:

  --onnx M --tokenizer T --out DIR [--numerics ort|fast]
      The int8 model itself. ``ort`` (default) also follows ONNX Runtime's CPU arithmetic where
      that does not depend on the CPU model (any x86-64 with FMA, ARM64): float32 running sums in
      layer norm (its
      LayerNormalization kernel), one fused multiply-add per k in k order for the two attention
      matmuls (its SGEMM), ``scores * (1/sqrt(32))`` (its FusedMatMul), exact int32 accumulation.
      That makes ONNX Runtime's quantisation decisions reproducible as far as possible, at a cost
      in speed. ``fast`` uses torch's own matmul, softmax and layer norm (for benchmarks).
  --dequantize --onnx M --tokenizer T --out DIR --onnx-out DIR2
      The same network with every weight dequantised (float32) and no activation quantisation,
      written twice: as TorchScript to DIR and as ONNX to DIR2. The two must agree to float
      precision, which is what the engine-agreement test checks.
  --toy-models --tokenizer T --out DIR
      Tiny synthetic models (2 or 3 inputs; tuple, tensor or dict outputs) whose outputs tests
      can compute by hand.

How the int8 ONNX graph is reproduced (operator semantics: https://onnx.ai/onnx/operators/):

* It is a BERT encoder (12 layers, hidden 384, 12 heads of 32, intermediate 1536) that ONNX
  Runtime's ``quantize_dynamic`` turned into int8: the three embedding tables are uint8 with a
  per-tensor scale and zero point (``DequantizeLinear``: ``(q - zp) * scale``); every linear layer
  is a ``MatMulInteger`` whose weight is int8 ``[in, out]`` (the transpose of
  ``torch.nn.Linear.weight``) with per-column scales and zero points (all zero here).
* The anonymous weights (``onnx::MatMul_1525_quantized`` ...) are named by the output of the
  ``MatMulInteger`` node that reads them, e.g.
  ``/encoder/layer.0/attention/self/query/MatMul_output_0_output_quantized``; biases and layer
  norms keep their HuggingFace names (``encoder.layer.0.attention.self.query.bias``).
* Activations entering each linear layer are quantised at run time, per tensor
  (``DynamicQuantizeLinear``): ``lo = min(0, min(x))``, ``hi = max(0, max(x))``,
  ``scale = (hi - lo) / 255``, ``zp = clamp(round(-lo / scale), 0, 255)``,
  ``q = clamp(round(x / scale) + zp, 0, 255)``, rounding half to even (``torch.round``). The
  minimum and maximum run over the whole batch, padding included, as in ONNX Runtime.
* ``MatMulInteger`` is ``(q - zp) @ w`` in int32, computed as a float matmul of integer-valued
  tensors (float32 for 384-long rows, whose partial sums stay below 2**24 and so are exact;
  float64 for the 1536-long ones with ``--numerics ort``), then scaled by
  ``activation_scale * weight_scale[column]`` and added to the bias, in the graph's order.
* Layer norm: mean, variance, eps 1e-12 inside the sqrt; GELU: exact erf form; attention scores
  scaled by 1/sqrt(32) and masked by adding ``(1 - mask) * float32 min``.

What cannot be reproduced: ONNX Runtime's softmax and GELU use its own exp and erf
approximations, which also differ between its AVX2 and AVX-512 kernels. A last-bit difference
there moves an activation across a quantisation step now and then, and one step can shift the
scale of every later quantisation in the batch, so the int8 rebuild agrees with ONNX Runtime to
cosine 0.996-1.000 per input, not better (ONNX Runtime with graph optimisations off disagrees with
itself as much). Checked with the Java tests, not here (there is no onnxruntime for Python here).

Needs torch (1.13 or later) and onnx; a model saved by torch 1.13 loads in libtorch 2.x.
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from typing import Tuple

import numpy as np
import onnx
import torch
from onnx import numpy_helper

HIDDEN = 384
HEADS = 12
HEAD_DIM = 32
LAYERS = 12
FLOAT32_MIN = float(np.finfo(np.float32).min)
LN_EPS = 1e-12
SQRT_HEAD_DIM = float(np.float32(np.sqrt(HEAD_DIM)))
SQRT_2 = float(np.float32(np.sqrt(2.0)))
INV_SQRT_HEAD_DIM = float(np.float32(1.0 / np.sqrt(HEAD_DIM)))
INV_SQRT_2 = float(np.float32(1.0 / np.sqrt(2.0)))

LINEARS = ("attention/self/query", "attention/self/key", "attention/self/value",
           "attention/output/dense", "intermediate/dense", "output/dense")
MATMUL_OUTPUT = re.compile(r"^/encoder/layer\.(\d+)/(.+)/MatMul_output_0_output_quantized$")


def dynamic_quantize(x):
    """ONNX DynamicQuantizeLinear, returned as (q - zero_point) in float32 and the scale."""
    lo = torch.clamp(torch.min(x), max=0.0)
    hi = torch.clamp(torch.max(x), min=0.0)
    scale = (hi - lo) / 255.0
    zero_point = torch.clamp(torch.round((0.0 - lo) / scale), 0.0, 255.0)
    q = torch.clamp(torch.round(x / scale) + zero_point, 0.0, 255.0)
    return q - zero_point, scale


def layer_norm(x, weight, bias):
    """Layer norm in the ONNX graph's own decomposition (biased variance, eps inside the sqrt)."""
    mean = torch.mean(x, dim=-1, keepdim=True)
    dev = x - mean
    var = torch.mean(torch.pow(dev, 2.0), dim=-1, keepdim=True)
    return dev / torch.sqrt(var + LN_EPS) * weight + bias


@torch.jit.script
def sequential_sums(x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """sum(x) and sum(x * x) over the last axis, added one element after the other in float32."""
    total = torch.zeros_like(x.select(-1, 0))
    squares = torch.zeros_like(total)
    for column in x.unbind(-1):
        total = total + column
        squares = squares + column * column
    return total, squares


def layer_norm_ort(x, weight, bias):
    """ONNX Runtime's CPU LayerNormalization kernel: float32 running sums, var = E[x^2] - mean^2."""
    n = float(HIDDEN)
    total, squares = sequential_sums(x)
    mean = (total / n).unsqueeze(-1)
    std = torch.sqrt((squares / n).unsqueeze(-1) - mean * mean + LN_EPS)
    return (x - mean) / std * weight + bias


@torch.jit.script
def fma_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """a @ b accumulated like ONNX Runtime's SGEMM: one fused multiply-add per k, in k order.

    Each step is computed in float64 (the product of two float32 is exact there) and rounded to
    float32, which is what a fused multiply-add into a float32 accumulator does.
    """
    acc = torch.zeros(a.shape[:-1] + b.shape[-1:], dtype=torch.float32, device=a.device)
    a64 = a.double()
    b64 = b.double()
    for k in range(a.size(-1)):
        acc = (acc.double() + a64.narrow(-1, k, 1) * b64.narrow(-2, k, 1)).float()
    return acc


class QuantLinear(torch.nn.Module):
    """A MatMulInteger linear layer fed by an already-quantised activation."""

    def __init__(self, weight_q, weight_scale, bias, exact=False):
        super().__init__()
        # exact: accumulate in float64, exact for any length (float32 is exact only while every
        # partial sum stays below 2**24, which 384-long rows always do and 1536-long ones nearly always)
        self.exact = exact
        self.register_buffer("weight", torch.from_numpy(weight_q.astype(np.float64 if exact else np.float32)))
        self.register_buffer("weight_scale", torch.from_numpy(weight_scale.astype(np.float32)))
        self.register_buffer("bias", torch.from_numpy(bias.astype(np.float32)))

    def forward(self, xq, x_scale):
        if self.exact:
            acc = torch.matmul(xq.double(), self.weight).float()
        else:
            acc = torch.matmul(xq, self.weight)
        return self.bias + acc * (x_scale * self.weight_scale)


class FloatLinear(torch.nn.Module):
    """The dequantised linear layer: float32 weight ``q * scale`` (what ``--dequantize`` also puts in the ONNX)."""

    def __init__(self, weight, bias):
        super().__init__()
        self.register_buffer("weight", torch.from_numpy(weight))
        self.register_buffer("bias", torch.from_numpy(bias.astype(np.float32)))

    def forward(self, x, unused_scale):
        return self.bias + torch.matmul(x, self.weight)


def dequantized_weight(weight_q, weight_scale):
    """int8 ``[in, out]`` weight times its per-column scale, in float32."""
    return weight_q.astype(np.float32) * weight_scale.astype(np.float32)


class Layer(torch.nn.Module):
    """One BERT encoder layer (post-norm), as the quantised ONNX graph computes it."""

    def __init__(self, linears, norms, numerics):
        super().__init__()
        self.ort = numerics == "ort"
        self.quantized = numerics != "float"
        self.query = linears["attention/self/query"]
        self.key = linears["attention/self/key"]
        self.value = linears["attention/self/value"]
        self.attn_out = linears["attention/output/dense"]
        self.inter = linears["intermediate/dense"]
        self.out = linears["output/dense"]
        for name, tensor in norms.items():
            self.register_buffer(name, torch.from_numpy(tensor.copy()))

    def quantize(self, x):
        """DynamicQuantizeLinear before a quantised linear layer; nothing for the dequantised model."""
        if self.quantized:
            return dynamic_quantize(x)
        return x, x.new_ones(())

    def forward(self, x, mask_add):
        b = x.size(0)
        t = x.size(1)
        xq, xs = self.quantize(x)
        q = self.query(xq, xs).view(b, t, HEADS, HEAD_DIM).permute(0, 2, 1, 3)
        k = self.key(xq, xs).view(b, t, HEADS, HEAD_DIM).permute(0, 2, 3, 1)
        v = self.value(xq, xs).view(b, t, HEADS, HEAD_DIM).permute(0, 2, 1, 3)
        if self.ort:
            scores = fma_matmul(q, k) * INV_SQRT_HEAD_DIM + mask_add
            probs = torch.softmax(scores, dim=3)
            ctx = fma_matmul(probs, v)
        else:
            scores = torch.matmul(q, k) / SQRT_HEAD_DIM + mask_add
            probs = torch.softmax(scores, dim=3)
            ctx = torch.matmul(probs, v)
        ctx = ctx.permute(0, 2, 1, 3).reshape(b, t, HIDDEN)
        cq, cs = self.quantize(ctx)
        attn = self.norm(self.attn_out(cq, cs) + x, self.attn_ln_w, self.attn_ln_b)
        aq, as_ = self.quantize(attn)
        h = self.inter(aq, as_)
        if self.ort:
            h = 0.5 * h * (1.0 + torch.erf(h * INV_SQRT_2))
        else:
            h = h * (torch.erf(h / SQRT_2) + 1.0) * 0.5
        hq, hs = self.quantize(h)
        return self.norm(self.out(hq, hs) + attn, self.out_ln_w, self.out_ln_b)

    def norm(self, x, weight, bias):
        return layer_norm_ort(x, weight, bias) if self.ort else layer_norm(x, weight, bias)


class Encoder(torch.nn.Module):
    """The whole model: quantised embeddings, 12 layers; returns the last hidden state."""

    def __init__(self, tensors, linears, numerics):
        super().__init__()
        self.ort = numerics == "ort"
        for kind in ("word", "token_type", "position"):
            prefix = "embeddings.%s_embeddings.weight" % kind
            self.register_buffer(kind + "_q", torch.from_numpy(tensors[prefix + "_quantized"].copy()))
            self.register_buffer(kind + "_zp", torch.tensor(float(tensors[prefix + "_zero_point"])))
            self.register_buffer(kind + "_scale", torch.tensor(float(tensors[prefix + "_scale"])))
        self.register_buffer("emb_ln_w", torch.from_numpy(tensors["embeddings.LayerNorm.weight"].copy()))
        self.register_buffer("emb_ln_b", torch.from_numpy(tensors["embeddings.LayerNorm.bias"].copy()))
        layers = []
        for i in range(LAYERS):
            p = "encoder.layer.%d." % i
            norms = {
                "attn_ln_w": tensors[p + "attention.output.LayerNorm.weight"],
                "attn_ln_b": tensors[p + "attention.output.LayerNorm.bias"],
                "out_ln_w": tensors[p + "output.LayerNorm.weight"],
                "out_ln_b": tensors[p + "output.LayerNorm.bias"],
            }
            layers.append(Layer(linears[i], norms, numerics))
        self.layers = torch.nn.ModuleList(layers)

    def embed(self, table, zp, scale, index):
        return (table[index].float() - zp) * scale

    def forward(self, input_ids, attention_mask, token_type_ids):
        t = input_ids.size(1)
        positions = torch.arange(t, dtype=torch.int64, device=input_ids.device).unsqueeze(0)
        x = self.embed(self.word_q, self.word_zp, self.word_scale, input_ids) \
            + self.embed(self.token_type_q, self.token_type_zp, self.token_type_scale, token_type_ids)
        x = x + self.embed(self.position_q, self.position_zp, self.position_scale, positions)
        x = layer_norm_ort(x, self.emb_ln_w, self.emb_ln_b) if self.ort else layer_norm(x, self.emb_ln_w, self.emb_ln_b)
        mask = attention_mask.unsqueeze(1).unsqueeze(2).float()
        mask_add = (1.0 - mask) * FLOAT32_MIN
        for layer in self.layers:
            x = layer(x, mask_add)
        return {"last_hidden_state": x}


def load_onnx(path, numerics):
    """The ONNX initializers by name, plus the linear layers named by their MatMulInteger node."""
    model = onnx.load(path)
    graph = model.graph
    tensors = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    ops = {}
    for node in graph.node:
        ops[node.op_type] = ops.get(node.op_type, 0) + 1
    expected = {"MatMulInteger": 6 * LAYERS, "DynamicQuantizeLinear": 4 * LAYERS, "DequantizeLinear": 3,
                "MatMul": 2 * LAYERS}
    for op, count in expected.items():
        if ops.get(op, 0) != count:
            sys.exit("unexpected ONNX graph: %d %s nodes, expected %d (is this the bundled int8 "
                     "bge-small-en-v1.5?)" % (ops.get(op, 0), op, count))
    linears = [dict() for _ in range(LAYERS)]
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        match = MATMUL_OUTPUT.match(node.output[0])
        if not match or match.group(2) not in LINEARS:
            sys.exit("cannot name the MatMulInteger node with output " + node.output[0])
        layer, path = int(match.group(1)), match.group(2)
        weight_name = node.input[1]
        if not weight_name.endswith("_quantized"):
            sys.exit("unexpected weight input " + weight_name)
        base = weight_name[: -len("_quantized")]
        weight_zp = tensors[node.input[3]]
        if np.any(weight_zp != 0):
            sys.exit("non-zero weight zero points are not supported: " + node.input[3])
        bias = tensors["encoder.layer.%d.%s.bias" % (layer, path.replace("/", "."))]
        if numerics == "float":
            linears[layer][path] = FloatLinear(dequantized_weight(tensors[weight_name], tensors[base + "_scale"]), bias)
        else:
            exact = numerics == "ort" and tensors[weight_name].shape[0] > HIDDEN
            linears[layer][path] = QuantLinear(tensors[weight_name], tensors[base + "_scale"], bias, exact)
    for i, layer in enumerate(linears):
        missing = set(LINEARS) - set(layer)
        if missing:
            sys.exit("layer %d lacks %s" % (i, sorted(missing)))
    return tensors, linears


def example_inputs(batch, tokens, seed):
    gen = torch.Generator().manual_seed(seed)
    ids = torch.randint(1000, 30000, (batch, tokens), generator=gen, dtype=torch.int64)
    ids[:, 0] = 101
    mask = torch.ones(batch, tokens, dtype=torch.int64)
    for b in range(1, batch):
        mask[b, tokens - b:] = 0
        ids[b, tokens - b:] = 0
    types = torch.zeros(batch, tokens, dtype=torch.int64)
    return ids, mask, types


def build_bge(args):
    numerics = "float" if args.dequantize else args.numerics
    tensors, linears = load_onnx(args.onnx, numerics)
    model = Encoder(tensors, linears, numerics).eval()
    with torch.no_grad():
        traced = torch.jit.trace(model, example_inputs(2, 9, 1), strict=False)
        frozen = torch.jit.freeze(traced)
        # The trace must generalise to other shapes: compare with the eager model. (The int8 model
        # may round an activation differently after freezing, so it gets a looser bound.)
        bound = 0.9999 if numerics == "float" else 0.99
        for batch, tokens, seed in ((1, 3, 2), (3, 17, 3), (2, 64, 4)):
            inputs = example_inputs(batch, tokens, seed)
            want = model(*inputs)["last_hidden_state"]
            got = frozen(*inputs)["last_hidden_state"]
            cos = torch.nn.functional.cosine_similarity(got.flatten(1), want.flatten(1)).min().item() \
                if got.shape == want.shape else 0.0
            if cos < bound:
                sys.exit("traced model differs from the eager model at shape %s (cosine %.6f)"
                         % (tuple(inputs[0].shape), cos))
    what = "dequantised (float32)" if args.dequantize else "int8, --numerics " + args.numerics
    descriptor = {
        "id": args.id,
        "dimension": HIDDEN,
        "pooling": "CLS",
        "maxTokens": 512,
        "normalize": True,
        "tokenTypes": True,
        "source": "tools/make_torchscript_model.py (%s) from the bundled bge-small-en-v1.5-q ONNX" % what,
    }
    write_folder(args.out, {"model.pt": frozen.save}, descriptor, args.tokenizer)
    if args.dequantize:
        onnx_model = dequantized_onnx(args.onnx)
        descriptor = dict(descriptor, id=args.id + "-onnx",
                          source="tools/make_torchscript_model.py --dequantize from the bundled bge-small-en-v1.5-q ONNX")
        write_folder(args.onnx_out, {"model.onnx": lambda path: onnx.save(onnx_model, path)}, descriptor,
                     args.tokenizer)


def dequantized_onnx(path):
    """The bundled ONNX graph with its quantisation taken out, weights for weights with the torch model.

    Each ``DynamicQuantizeLinear -> MatMulInteger -> Cast -> Mul(scale)`` chain becomes one float
    ``MatMul`` with the weight ``q * scale`` (:func:`dequantized_weight`), and each quantised embedding
    ``Gather -> DequantizeLinear`` becomes a ``Gather`` from the table ``(q - zero_point) * scale``.
    """
    model = onnx.load(path)
    graph = model.graph
    tensors = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    producer = {out: node for node in graph.node for out in node.output}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    drop = set()
    replace = {}
    new_inits = []
    for node in graph.node:
        if node.op_type == "MatMulInteger":
            quantize = producer[node.input[0]]
            cast = consumers[node.output[0]][0]
            mul = consumers[cast.output[0]][0]
            scales = producer[[i for i in mul.input if i != cast.output[0]][0]]
            if quantize.op_type != "DynamicQuantizeLinear" or cast.op_type != "Cast" or mul.op_type != "Mul" \
                    or scales.op_type != "Mul":
                sys.exit("unexpected quantised MatMul pattern at " + node.name)
            base = node.input[1][: -len("_quantized")]
            weight = dequantized_weight(tensors[node.input[1]], tensors[base + "_scale"])
            new_inits.append(numpy_helper.from_array(weight, base + "_float"))
            replace[id(node)] = onnx.helper.make_node("MatMul", [quantize.input[0], base + "_float"], [mul.output[0]],
                                                      name=node.name + "_float")
            drop.update((id(cast), id(mul), id(scales), id(quantize)))
        elif node.op_type == "DequantizeLinear":
            gather = producer[node.input[0]]
            q = tensors[gather.input[0]]
            table = ((q.astype(np.float32) - np.float32(tensors[node.input[2]]))
                     * np.float32(tensors[node.input[1]])).astype(np.float32)
            name = gather.input[0][: -len("_quantized")]
            new_inits.append(numpy_helper.from_array(table, name + "_float"))
            replace[id(gather)] = onnx.helper.make_node("Gather", [name + "_float", gather.input[1]], [node.output[0]],
                                                        name=gather.name + "_float")
            drop.add(id(node))
    nodes = []
    for node in graph.node:
        if id(node) in drop:
            continue
        nodes.append(replace.get(id(node), node))
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(new_inits)
    used = {name for node in graph.node for name in node.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    onnx.checker.check_model(model)
    ops = {node.op_type for node in graph.node}
    if ops & {"MatMulInteger", "DynamicQuantizeLinear", "DequantizeLinear"}:
        sys.exit("quantised operators left in the dequantised graph: %s" % sorted(ops))
    return model


class ToyHidden(torch.nn.Module):
    """hidden[b, t, d] = ids[b, t] * 0.01 + (d + 1) * 0.1 + types[b, t] * 0.5, masked rows kept."""

    def __init__(self, dim, inputs, output):
        super().__init__()
        self.dim = dim
        self.inputs = inputs
        self.output = output

    def hidden(self, ids, types):
        d = torch.arange(self.dim, dtype=torch.float32).add(1.0).mul(0.1)
        h = ids.float().unsqueeze(2) * 0.01 + d
        return h + types.float().unsqueeze(2) * 0.5


class ToyTwoInputsTuple(ToyHidden):
    def forward(self, input_ids, attention_mask):
        h = self.hidden(input_ids, torch.zeros_like(input_ids))
        return h, h[:, 0]


class ToyThreeInputsTensor(ToyHidden):
    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.hidden(input_ids, token_type_ids)


class ToySentenceVector(ToyHidden):
    def forward(self, input_ids, attention_mask, token_type_ids):
        h = self.hidden(input_ids, token_type_ids)
        m = attention_mask.float().unsqueeze(2)
        return {"sentence_embedding": (h * m).sum(1) / m.sum(1)}


def build_toys(args):
    """Tiny synthetic models whose outputs the Java tests can compute by hand."""
    dim = 4
    toys = {
        "toy-2in-tuple": (ToyTwoInputsTuple(dim, 2, "tuple"), "MEAN", False),
        "toy-3in-tensor": (ToyThreeInputsTensor(dim, 3, "tensor"), "CLS", True),
        "toy-3in-sentence": (ToySentenceVector(dim, 3, "dict"), "MEAN", True),
    }
    ids, mask, types = example_inputs(2, 5, 7)
    for name, (module, pooling, token_types) in toys.items():
        module.eval()
        inputs = (ids, mask, types) if token_types else (ids, mask)
        with torch.no_grad():
            traced = torch.jit.trace(module, inputs, strict=False)
        descriptor = {"id": name, "dimension": dim, "pooling": pooling, "maxTokens": 16, "normalize": False,
                      "tokenTypes": token_types}
        write_folder(os.path.join(args.out, name), {"model.pt": traced.save}, descriptor, args.tokenizer)


def write_folder(out, files, descriptor, tokenizer):
    """Writes into a temporary sibling folder, then renames it, so a half-written folder never counts."""
    parent = os.path.dirname(os.path.abspath(out))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".tmp-", dir=parent)
    try:
        for file_name, save in files.items():
            save(os.path.join(tmp, file_name))
        if tokenizer:
            shutil.copyfile(tokenizer, os.path.join(tmp, "tokenizer.json"))
        with open(os.path.join(tmp, "alexandria-model.json"), "w", encoding="utf-8") as f:
            json.dump(descriptor, f, indent=2)
            f.write("\n")
        if os.path.exists(out):
            shutil.rmtree(out)
        os.rename(tmp, out)
    finally:
        if os.path.exists(tmp):
            shutil.rmtree(tmp)
    print("wrote " + out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onnx", help="the bundled model.onnx")
    parser.add_argument("--tokenizer", help="its tokenizer.json (copied into the folder)")
    parser.add_argument("--out", required=True, help="the model folder to write (replaced)")
    parser.add_argument("--id", default="bge-small-en-v1.5-q-torchscript", help="model id in the descriptor")
    parser.add_argument("--numerics", choices=("ort", "fast"), default="ort",
                        help="ort: follow ONNX Runtime's CPU kernels step by step (slow; for agreement tests); "
                             "fast: plain torch matmul, softmax and layer norm (for benchmarks)")
    parser.add_argument("--dequantize", action="store_true",
                        help="write the dequantised float32 model instead: TorchScript to --out and the same "
                             "network as ONNX to --onnx-out (a pair that must agree to float precision)")
    parser.add_argument("--onnx-out", help="with --dequantize: the ONNX model folder to write")
    parser.add_argument("--toy-models", action="store_true", help="write tiny synthetic models instead")
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    if args.toy_models:
        build_toys(args)
    else:
        if not args.onnx or not args.tokenizer:
            parser.error("--onnx and --tokenizer are required")
        if args.dequantize and not args.onnx_out:
            parser.error("--dequantize needs --onnx-out")
        build_bge(args)


if __name__ == "__main__":
    main()
