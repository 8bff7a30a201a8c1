#!/usr/bin/env python3
"""Export motiv8's diffusion models to the ONNX pack that the Java ``diffusion`` engine loads.

The original service generated each image with PyTorch/diffusers:

* base model     ``SG161222/Realistic_Vision_V4.0_noVAE`` (Stable Diffusion 1.5 architecture:
                 CLIP ViT-L/14 text encoder, tokenizer, UNet)
* VAE            ``stabilityai/sd-vae-ft-mse``
* image encoder  ``laion/CLIP-ViT-H-14-laion2B-s32B-b79K`` (``CLIPVisionModelWithProjection``)
* adapter        ``h94/IP-Adapter-FaceID`` / ``ip-adapter-faceid-plus_sd15.bin``: the FaceID-Plus
                 projection (``ProjPlusModel``) and LoRA rank 128 plus decoupled cross-attention
                 (``to_k_ip``/``to_v_ip``) in every UNet attention, 4 face tokens
* DDIM, 30 steps, guidance 7.5, adapter scale 0.8, s_scale 1.0, shortcut False, 512 x 768, float32

This script loads exactly those weights, rebuilds the adapter as
``tencent-ailab/IP-Adapter``'s ``IPAdapterFaceIDPlus`` does (state dicts are loaded with
``strict=True``, so any mismatch in names or shapes stops the export), merges the LoRA weights
into the attention projections (``W + up @ down``; the adapter's ``lora_scale`` is 1 and it has no
``network_alpha``, so the merge is exact), and exports five graphs in the standard ONNX layout of
Stable Diffusion exports:

    text_encoder/model.onnx        input_ids int32 [B, 77] -> last_hidden_state [B, 77, 768], pooler_output
    image_encoder/model.onnx       pixel_values [B, 3, 224, 224] -> penultimate_hidden_states [B, 257, 1280]
                                   (CLIP ViT-H/14 hidden_states[-2]: the last transformer layer is dropped)
    face_projection/model.onnx     id_embeds [B, 512], clip_embeds [B, 257, 1280] -> face_tokens [B, 4, 768]
                                   (ProjPlusModel.forward with shortcut=False, s_scale 1.0)
    unet/model.onnx (+ model.onnx_data)
                                   sample [B, 4, h, w], timestep float [B], encoder_hidden_states [B, 81, 768]
                                   (77 text tokens then 4 face tokens), ip_adapter_scale float [1]
                                   -> out_sample [B, 4, h, w]
    vae_decoder/model.onnx         latent_sample [B, 4, h, w] -> sample [B, 3, 8h, 8w] (latents already / 0.18215)
    tokenizer/                     vocab.json, merges.txt, special_tokens_map.json, tokenizer_config.json
    manifest.json                  files (bytes, SHA-256), each model's inputs/outputs (names, dtypes, shapes),
                                   parameters (scaling factor, tokens, scheduler, defaults), sources, versions

The adapter scale is an input of the UNet (the attention processors read it from the wrapper's
input tensor), so 0.8 is not baked in. The UNet is over protobuf's 2 GB limit in float32: its
weights go to ``unet/model.onnx_data`` beside it (ONNX external data), which ONNX Runtime finds
by itself.

Usage (on a machine with network access, ~16 GB RAM, ~15 GB free disk; a GPU is not needed):

    python3 -m venv export-env && . export-env/bin/activate
    pip install torch==2.4.1 diffusers==0.30.3 transformers==4.44.2 huggingface_hub==0.24.6 \
        safetensors==0.4.5 onnx==1.16.2 onnxruntime==1.19.2 numpy==1.26.4
    python3 scripts/export_diffusion_pack.py --out models/diffusion/realistic-vision-v4-faceid-plus --verify

Then copy the output folder to ``<models.dir>/diffusion/<name>/`` on the motiv8 machine (see
docs/diffusion.md). Any model may be given as a local folder/file instead of a hub id
(``--base``, ``--vae``, ``--image-encoder``, ``--adapter``). ``--verify`` runs every exported graph
in ONNX Runtime on random inputs and compares it with PyTorch, the UNet against the adapter's
original (un-merged LoRA) attention code at scale 0.8; it needs about twice the memory.

Tested versions are the ones pinned above (torch 2.4's TorchScript exporter; from torch 2.9 on the
default exporter changed, and this script asks for the TorchScript one explicitly).
"""

from __future__ import annotations

import argparse
import copy
import datetime
import hashlib
import inspect
import json
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

import torch
import torch.nn as nn

BASE_MODEL = "SG161222/Realistic_Vision_V4.0_noVAE"
VAE_MODEL = "stabilityai/sd-vae-ft-mse"
IMAGE_ENCODER = "laion/CLIP-ViT-H-14-laion2B-s32B-b79K"
ADAPTER_REPO = "h94/IP-Adapter-FaceID"
ADAPTER_FILE = "ip-adapter-faceid-plus_sd15.bin"

NUM_FACE_TOKENS = 4
LORA_RANK = 128
TEXT_TOKENS = 77
WIDTH, HEIGHT = 512, 768


# --------------------------------------------------------------------------------------------
# IP-Adapter-FaceID-Plus modules, transcribed from tencent-ailab/IP-Adapter
# (ip_adapter/ip_adapter_faceid.py, ip_adapter/resampler.py, ip_adapter/attention_processor_faceid.py)
# with the same parameter names, so the checkpoint loads with strict=True. If the ``ip_adapter``
# package is importable, its own ProjPlusModel is used instead.
# --------------------------------------------------------------------------------------------

def feed_forward(dim, mult=4):
    inner = int(dim * mult)
    return nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, inner, bias=False), nn.GELU(),
                         nn.Linear(inner, dim, bias=False))


def reshape_tensor(x, heads):
    bs, length, _ = x.shape
    x = x.view(bs, length, heads, -1)
    x = x.transpose(1, 2)
    return x.reshape(bs, heads, length, -1)


class PerceiverAttention(nn.Module):
    def __init__(self, *, dim, dim_head=64, heads=8):
        super().__init__()
        self.scale = dim_head ** -0.5
        self.dim_head = dim_head
        self.heads = heads
        inner = dim_head * heads
        self.norm1 = nn.LayerNorm(dim)
        self.norm2 = nn.LayerNorm(dim)
        self.to_q = nn.Linear(dim, inner, bias=False)
        self.to_kv = nn.Linear(dim, inner * 2, bias=False)
        self.to_out = nn.Linear(inner, dim, bias=False)

    def forward(self, x, latents):
        x = self.norm1(x)
        latents = self.norm2(latents)
        b, l, _ = latents.shape
        q = self.to_q(latents)
        kv_input = torch.cat((x, latents), dim=-2)
        k, v = self.to_kv(kv_input).chunk(2, dim=-1)
        q = reshape_tensor(q, self.heads)
        k = reshape_tensor(k, self.heads)
        v = reshape_tensor(v, self.heads)
        scale = 1 / math.sqrt(math.sqrt(self.dim_head))
        weight = (q * scale) @ (k * scale).transpose(-2, -1)
        weight = torch.softmax(weight.float(), dim=-1).type(weight.dtype)
        out = weight @ v
        out = out.permute(0, 2, 1, 3).reshape(b, l, -1)
        return self.to_out(out)


class FacePerceiverResampler(nn.Module):
    def __init__(self, *, dim=768, depth=4, dim_head=64, heads=16, embedding_dim=1280, output_dim=768, ff_mult=4):
        super().__init__()
        self.proj_in = nn.Linear(embedding_dim, dim)
        self.proj_out = nn.Linear(dim, output_dim)
        self.norm_out = nn.LayerNorm(output_dim)
        self.layers = nn.ModuleList([])
        for _ in range(depth):
            self.layers.append(nn.ModuleList([PerceiverAttention(dim=dim, dim_head=dim_head, heads=heads),
                                              feed_forward(dim=dim, mult=ff_mult)]))

    def forward(self, latents, x):
        x = self.proj_in(x)
        for attn, ff in self.layers:
            latents = attn(x, latents) + latents
            latents = ff(latents) + latents
        latents = self.proj_out(latents)
        return self.norm_out(latents)


class ProjPlusModel(nn.Module):
    def __init__(self, cross_attention_dim=768, id_embeddings_dim=512, clip_embeddings_dim=1280, num_tokens=4):
        super().__init__()
        self.cross_attention_dim = cross_attention_dim
        self.num_tokens = num_tokens
        self.proj = nn.Sequential(nn.Linear(id_embeddings_dim, id_embeddings_dim * 2), nn.GELU(),
                                  nn.Linear(id_embeddings_dim * 2, cross_attention_dim * num_tokens))
        self.norm = nn.LayerNorm(cross_attention_dim)
        self.perceiver_resampler = FacePerceiverResampler(
            dim=cross_attention_dim, depth=4, dim_head=64, heads=cross_attention_dim // 64,
            embedding_dim=clip_embeddings_dim, output_dim=cross_attention_dim, ff_mult=4)

    def forward(self, id_embeds, clip_embeds, shortcut=False, scale=1.0):
        x = self.proj(id_embeds)
        x = x.reshape(-1, self.num_tokens, self.cross_attention_dim)
        x = self.norm(x)
        out = self.perceiver_resampler(x, clip_embeds)
        if shortcut:
            out = x + scale * out
        return out


def proj_plus_class():
    try:
        from ip_adapter.ip_adapter_faceid import ProjPlusModel as Original  # type: ignore
        print("using ip_adapter's own ProjPlusModel")
        return Original
    except Exception:  # noqa: BLE001 - the package is optional
        return ProjPlusModel


class LoRALinear(nn.Module):
    """diffusers' LoRALinearLayer weights (down: in -> rank, up: rank -> out, no bias, no alpha)."""

    def __init__(self, in_features, out_features, rank):
        super().__init__()
        self.down = nn.Linear(in_features, rank, bias=False)
        self.up = nn.Linear(rank, out_features, bias=False)

    def forward(self, x):
        return self.up(self.down(x))

    def delta(self):
        return self.up.weight @ self.down.weight  # [out, in]


class AdapterWeights(nn.Module):
    """The parameters of one LoRAAttnProcessor (ip=False) or LoRAIPAttnProcessor (ip=True)."""

    def __init__(self, hidden_size, cross_attention_dim, rank, ip):
        super().__init__()
        self.to_q_lora = LoRALinear(hidden_size, hidden_size, rank)
        self.to_k_lora = LoRALinear(cross_attention_dim or hidden_size, hidden_size, rank)
        self.to_v_lora = LoRALinear(cross_attention_dim or hidden_size, hidden_size, rank)
        self.to_out_lora = LoRALinear(hidden_size, hidden_size, rank)
        if ip:
            self.to_k_ip = nn.Linear(cross_attention_dim or hidden_size, hidden_size, bias=False)
            self.to_v_ip = nn.Linear(cross_attention_dim or hidden_size, hidden_size, bias=False)


class ScaleHolder:
    """Carries the UNet wrapper's ``ip_adapter_scale`` input tensor to every IP processor."""

    def __init__(self, value=1.0):
        self.value = value


def _attention_prologue(attn, hidden_states, encoder_hidden_states, attention_mask, temb):
    residual = hidden_states
    if attn.spatial_norm is not None:
        hidden_states = attn.spatial_norm(hidden_states, temb)
    input_ndim = hidden_states.ndim
    shape = None
    if input_ndim == 4:
        batch_size, channel, height, width = hidden_states.shape
        shape = (batch_size, channel, height, width)
        hidden_states = hidden_states.view(batch_size, channel, height * width).transpose(1, 2)
    batch_size, sequence_length, _ = (hidden_states.shape if encoder_hidden_states is None
                                      else encoder_hidden_states.shape)
    attention_mask = attn.prepare_attention_mask(attention_mask, sequence_length, batch_size)
    if attn.group_norm is not None:
        hidden_states = attn.group_norm(hidden_states.transpose(1, 2)).transpose(1, 2)
    return residual, hidden_states, attention_mask, shape


def _attention_epilogue(attn, hidden_states, residual, shape):
    if shape is not None:
        batch_size, channel, height, width = shape
        hidden_states = hidden_states.transpose(-1, -2).reshape(batch_size, channel, height, width)
    if attn.residual_connection:
        hidden_states = hidden_states + residual
    return hidden_states / attn.rescale_output_factor


class ReferenceIPProcessor(nn.Module):
    """LoRAIPAttnProcessor / LoRAAttnProcessor as published (LoRA not merged); for --verify only."""

    def __init__(self, weights: AdapterWeights, holder: ScaleHolder, num_tokens: int, ip: bool):
        super().__init__()
        self.w = weights
        self.holder = holder
        self.num_tokens = num_tokens
        self.ip = ip

    def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, temb=None, **kwargs):
        residual, hidden_states, attention_mask, shape = _attention_prologue(
            attn, hidden_states, encoder_hidden_states, attention_mask, temb)
        query = attn.to_q(hidden_states) + self.w.to_q_lora(hidden_states)
        ip_hidden_states = None
        if encoder_hidden_states is None:
            encoder_hidden_states = hidden_states
        elif self.ip:
            end_pos = encoder_hidden_states.shape[1] - self.num_tokens
            encoder_hidden_states, ip_hidden_states = (encoder_hidden_states[:, :end_pos, :],
                                                       encoder_hidden_states[:, end_pos:, :])
            if attn.norm_cross:
                encoder_hidden_states = attn.norm_encoder_hidden_states(encoder_hidden_states)
        key = attn.to_k(encoder_hidden_states) + self.w.to_k_lora(encoder_hidden_states)
        value = attn.to_v(encoder_hidden_states) + self.w.to_v_lora(encoder_hidden_states)
        query, key, value = attn.head_to_batch_dim(query), attn.head_to_batch_dim(key), attn.head_to_batch_dim(value)
        probs = attn.get_attention_scores(query, key, attention_mask)
        hidden_states = attn.batch_to_head_dim(torch.bmm(probs, value))
        if self.ip:
            ip_key = attn.head_to_batch_dim(self.w.to_k_ip(ip_hidden_states))
            ip_value = attn.head_to_batch_dim(self.w.to_v_ip(ip_hidden_states))
            ip_probs = attn.get_attention_scores(query, ip_key, None)
            ip_out = attn.batch_to_head_dim(torch.bmm(ip_probs, ip_value))
            hidden_states = hidden_states + self.holder.value * ip_out
        hidden_states = attn.to_out[0](hidden_states) + self.w.to_out_lora(hidden_states)
        hidden_states = attn.to_out[1](hidden_states)
        return _attention_epilogue(attn, hidden_states, residual, shape)


class MergedIPProcessor(nn.Module):
    """The exported cross-attention: LoRA already merged into to_q/k/v/out, face tokens through
    to_k_ip/to_v_ip, weighted by the scale tensor the UNet wrapper received."""

    def __init__(self, to_k_ip: nn.Linear, to_v_ip: nn.Linear, holder: ScaleHolder, num_tokens: int):
        super().__init__()
        self.to_k_ip = to_k_ip
        self.to_v_ip = to_v_ip
        self.holder = holder
        self.num_tokens = num_tokens

    def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, temb=None, **kwargs):
        residual, hidden_states, attention_mask, shape = _attention_prologue(
            attn, hidden_states, encoder_hidden_states, attention_mask, temb)
        query = attn.to_q(hidden_states)
        end_pos = encoder_hidden_states.shape[1] - self.num_tokens
        text_states = encoder_hidden_states[:, :end_pos, :]
        ip_states = encoder_hidden_states[:, end_pos:, :]
        if attn.norm_cross:
            text_states = attn.norm_encoder_hidden_states(text_states)
        key = attn.head_to_batch_dim(attn.to_k(text_states))
        value = attn.head_to_batch_dim(attn.to_v(text_states))
        query = attn.head_to_batch_dim(query)
        probs = attn.get_attention_scores(query, key, attention_mask)
        hidden_states = attn.batch_to_head_dim(torch.bmm(probs, value))
        ip_key = attn.head_to_batch_dim(self.to_k_ip(ip_states))
        ip_value = attn.head_to_batch_dim(self.to_v_ip(ip_states))
        ip_probs = attn.get_attention_scores(query, ip_key, None)
        ip_out = attn.batch_to_head_dim(torch.bmm(ip_probs, ip_value))
        hidden_states = hidden_states + self.holder.value * ip_out
        hidden_states = attn.to_out[1](attn.to_out[0](hidden_states))
        return _attention_epilogue(attn, hidden_states, residual, shape)


def processor_layout(unet):
    """(name, hidden_size, cross_attention_dim) per attention processor, as IPAdapterFaceIDPlus.set_ip_adapter."""
    layout = []
    channels = unet.config.block_out_channels
    for name in unet.attn_processors.keys():
        cross = None if name.endswith("attn1.processor") else unet.config.cross_attention_dim
        if name.startswith("mid_block"):
            hidden = channels[-1]
        elif name.startswith("up_blocks"):
            hidden = list(reversed(channels))[int(name[len("up_blocks.")])]
        elif name.startswith("down_blocks"):
            hidden = channels[int(name[len("down_blocks.")])]
        else:
            raise ValueError(f"unexpected attention processor {name}")
        layout.append((name, hidden, cross))
    return layout


def load_adapter_weights(unet, state_dict):
    """The adapter's per-processor weights, loaded strictly from the checkpoint's "ip_adapter" part."""
    layout = processor_layout(unet)
    weights = nn.ModuleList([AdapterWeights(hidden, cross, LORA_RANK, cross is not None)
                             for _, hidden, cross in layout])
    weights.load_state_dict(state_dict, strict=True)
    return layout, weights


def attention_module(unet, processor_name):
    module = unet
    for part in processor_name[: -len(".processor")].split("."):
        module = getattr(module, part)
    return module


@torch.no_grad()
def merge_adapter(unet, layout, weights, holder):
    """Adds up @ down to every attention projection and installs the exported processors."""
    from diffusers.models.attention_processor import AttnProcessor

    processors = {}
    for (name, _hidden, cross), w in zip(layout, weights):
        attn = attention_module(unet, name)
        attn.to_q.weight += w.to_q_lora.delta()
        attn.to_k.weight += w.to_k_lora.delta()
        attn.to_v.weight += w.to_v_lora.delta()
        attn.to_out[0].weight += w.to_out_lora.delta()
        if cross is None:
            processors[name] = AttnProcessor()
        else:
            processors[name] = MergedIPProcessor(w.to_k_ip, w.to_v_ip, holder, NUM_FACE_TOKENS)
    unet.set_attn_processor(processors)


class UNetExport(nn.Module):
    def __init__(self, unet, holder):
        super().__init__()
        self.unet = unet
        self.holder = holder

    def forward(self, sample, timestep, encoder_hidden_states, ip_adapter_scale):
        self.holder.value = ip_adapter_scale
        return self.unet(sample, timestep, encoder_hidden_states, return_dict=False)[0]


class TextEncoderExport(nn.Module):
    def __init__(self, text_encoder):
        super().__init__()
        self.text_encoder = text_encoder

    def forward(self, input_ids):
        out = self.text_encoder(input_ids, return_dict=True)
        return out.last_hidden_state, out.pooler_output


class ImageEncoderExport(nn.Module):
    """CLIP vision hidden_states[-2]: embeddings, pre-LayerNorm, every transformer layer but the last."""

    def __init__(self, image_encoder):
        super().__init__()
        vision = image_encoder.vision_model
        self.embeddings = vision.embeddings
        self.pre_layrnorm = vision.pre_layrnorm
        self.layers = nn.ModuleList(list(vision.encoder.layers)[:-1])

    def forward(self, pixel_values):
        hidden = self.pre_layrnorm(self.embeddings(pixel_values))
        for layer in self.layers:
            hidden = layer(hidden, None, None)[0]
        return hidden


class ProjectionExport(nn.Module):
    def __init__(self, projection):
        super().__init__()
        self.projection = projection

    def forward(self, id_embeds, clip_embeds):
        return self.projection(id_embeds, clip_embeds, shortcut=False, scale=1.0)


class VaeDecoderExport(nn.Module):
    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, latent_sample):
        return self.vae.decode(latent_sample, return_dict=False)[0]


# --------------------------------------------------------------------------------------------
# Export helpers
# --------------------------------------------------------------------------------------------

def onnx_export(module, args, path: Path, input_names, output_names, dynamic_axes, opset, external=False):
    import onnx

    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {}
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        raw = Path(tmp) / "model.onnx"
        torch.onnx.export(module, args, str(raw), input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=opset, do_constant_folding=True, **kwargs)
        model = onnx.load(str(raw), load_external_data=True)
        if external:
            data = path.with_name(path.name + "_data")
            if data.exists():
                data.unlink()
            onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                            location=data.name, size_threshold=1024, convert_attribute=False)
        else:
            onnx.save_model(model, str(path))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


def describe(path: Path):
    import onnx

    model = onnx.load(str(path), load_external_data=False)
    dtypes = {1: "float32", 6: "int32", 7: "int64", 10: "float16", 11: "float64"}

    def value(info):
        tensor = info.type.tensor_type
        shape = [d.dim_param if d.dim_param else d.dim_value for d in tensor.shape.dim]
        return {"name": info.name, "dtype": dtypes.get(tensor.elem_type, str(tensor.elem_type)), "shape": shape}

    initializer_names = {i.name for i in model.graph.initializer}
    return {"inputs": [value(i) for i in model.graph.input if i.name not in initializer_names],
            "outputs": [value(o) for o in model.graph.output],
            "opset": max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))}


def sha256(path: Path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def revision(repo: str):
    if os.path.exists(repo):
        return "local:" + os.path.abspath(repo)
    try:
        from huggingface_hub import model_info
        return model_info(repo).sha
    except Exception:  # noqa: BLE001 - informative only
        return None


def compare(name, expected, actual, tolerance):
    import numpy as np

    diff = float(np.max(np.abs(expected - actual)))
    scale = float(np.max(np.abs(expected))) or 1.0
    status = "ok" if diff <= tolerance * scale else "MISMATCH"
    print(f"verify {name}: max |diff| {diff:.3g} (max |value| {scale:.3g}) {status}")
    if status != "ok":
        raise SystemExit(f"{name}: the ONNX graph does not reproduce PyTorch (max diff {diff})")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="output pack folder")
    parser.add_argument("--base", default=BASE_MODEL, help="base SD 1.5 model (hub id or folder)")
    parser.add_argument("--vae", default=VAE_MODEL, help="VAE (hub id or folder)")
    parser.add_argument("--image-encoder", default=IMAGE_ENCODER, help="CLIP ViT-H/14 (hub id or folder)")
    parser.add_argument("--adapter", default=None, help=f"path of {ADAPTER_FILE} (default: {ADAPTER_REPO} on the hub)")
    parser.add_argument("--name", default="realistic-vision-v4-faceid-plus", help="pack name in the manifest")
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--verify", action="store_true", help="compare ONNX Runtime with PyTorch on random inputs")
    args = parser.parse_args(argv)

    import diffusers
    import onnx
    import transformers
    from diffusers import AutoencoderKL, UNet2DConditionModel
    from transformers import CLIPTextModel, CLIPTokenizer, CLIPVisionModelWithProjection

    torch.manual_seed(0)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    dtype = torch.float32

    print("loading models (float32, CPU)")
    tokenizer = CLIPTokenizer.from_pretrained(args.base, subfolder="tokenizer")
    text_encoder = CLIPTextModel.from_pretrained(args.base, subfolder="text_encoder", torch_dtype=dtype).eval()
    unet = UNet2DConditionModel.from_pretrained(args.base, subfolder="unet", torch_dtype=dtype).eval()
    vae = AutoencoderKL.from_pretrained(args.vae, torch_dtype=dtype).eval()
    image_encoder = CLIPVisionModelWithProjection.from_pretrained(args.image_encoder, torch_dtype=dtype).eval()
    adapter_path = args.adapter
    if adapter_path is None:
        from huggingface_hub import hf_hub_download
        adapter_path = hf_hub_download(ADAPTER_REPO, ADAPTER_FILE)
    state = torch.load(adapter_path, map_location="cpu")
    if set(state.keys()) != {"image_proj", "ip_adapter"}:
        raise SystemExit(f"{adapter_path}: expected the keys image_proj and ip_adapter, found {sorted(state)}")

    cross_dim = unet.config.cross_attention_dim
    hidden_size = image_encoder.config.hidden_size
    projection = proj_plus_class()(cross_attention_dim=cross_dim, id_embeddings_dim=512,
                                   clip_embeddings_dim=hidden_size, num_tokens=NUM_FACE_TOKENS).eval()
    projection.load_state_dict(state["image_proj"], strict=True)
    layout, weights = load_adapter_weights(unet, state["ip_adapter"])
    print(f"adapter: {len(layout)} attention processors, LoRA rank {LORA_RANK}, "
          f"{sum(1 for _, _, c in layout if c is not None)} with face tokens")

    reference_unet = copy.deepcopy(unet) if args.verify else None
    holder = ScaleHolder()
    merge_adapter(unet, layout, weights, holder)

    tokens = TEXT_TOKENS + NUM_FACE_TOKENS
    latent_h, latent_w = HEIGHT // 8, WIDTH // 8
    files = {}
    with torch.no_grad():
        tokenizer.save_pretrained(str(out / "tokenizer"))

        ids = tokenizer(["a photo of a person"] * 2, padding="max_length", max_length=TEXT_TOKENS,
                        truncation=True, return_tensors="pt").input_ids.to(torch.int32)
        onnx_export(TextEncoderExport(text_encoder), (ids,), out / "text_encoder" / "model.onnx",
                    ["input_ids"], ["last_hidden_state", "pooler_output"],
                    {"input_ids": {0: "batch"}, "last_hidden_state": {0: "batch"}, "pooler_output": {0: "batch"}},
                    args.opset)

        pixels = torch.randn(2, 3, 224, 224)
        onnx_export(ImageEncoderExport(image_encoder), (pixels,), out / "image_encoder" / "model.onnx",
                    ["pixel_values"], ["penultimate_hidden_states"],
                    {"pixel_values": {0: "batch"}, "penultimate_hidden_states": {0: "batch"}}, args.opset)

        id_embeds = torch.nn.functional.normalize(torch.randn(2, 512), dim=-1)
        clip_states = torch.randn(2, 257, hidden_size)
        onnx_export(ProjectionExport(projection), (id_embeds, clip_states), out / "face_projection" / "model.onnx",
                    ["id_embeds", "clip_embeds"], ["face_tokens"],
                    {"id_embeds": {0: "batch"}, "clip_embeds": {0: "batch"}, "face_tokens": {0: "batch"}},
                    args.opset)

        sample = torch.randn(2, 4, latent_h, latent_w)
        timestep = torch.tensor([958.0, 958.0])
        states = torch.randn(2, tokens, cross_dim)
        scale = torch.tensor([0.8])
        onnx_export(UNetExport(unet, holder), (sample, timestep, states, scale), out / "unet" / "model.onnx",
                    ["sample", "timestep", "encoder_hidden_states", "ip_adapter_scale"], ["out_sample"],
                    {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
                     "encoder_hidden_states": {0: "batch"}, "out_sample": {0: "batch", 2: "height", 3: "width"}},
                    args.opset, external=True)

        latents = torch.randn(1, 4, latent_h, latent_w)
        onnx_export(VaeDecoderExport(vae), (latents,), out / "vae_decoder" / "model.onnx",
                    ["latent_sample"], ["sample"],
                    {"latent_sample": {0: "batch", 2: "height", 3: "width"},
                     "sample": {0: "batch", 2: "height", 3: "width"}}, args.opset)

        if args.verify:
            verify(out, text_encoder, ids, image_encoder, pixels, projection, id_embeds, clip_states,
                   reference_unet, layout, weights, sample, timestep, states, vae, latents)

    models = {}
    for stage in ("text_encoder", "image_encoder", "face_projection", "unet", "vae_decoder"):
        models[stage] = {"file": f"{stage}/model.onnx", **describe(out / stage / "model.onnx")}
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"):
        rel = path.relative_to(out).as_posix()
        files[rel] = {"path": rel, "bytes": path.stat().st_size, "sha256": sha256(path)}
    manifest = {
        "format": "motiv8-diffusion-pack",
        "version": 1,
        "pack": args.name,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "sources": {
            "base": {"model": args.base, "revision": revision(args.base)},
            "vae": {"model": args.vae, "revision": revision(args.vae)},
            "image_encoder": {"model": args.image_encoder, "revision": revision(args.image_encoder)},
            "adapter": {"model": ADAPTER_REPO, "file": ADAPTER_FILE, "sha256": sha256(Path(adapter_path))},
        },
        "versions": {"python": sys.version.split()[0], "torch": torch.__version__, "diffusers": diffusers.__version__,
                     "transformers": transformers.__version__, "onnx": onnx.__version__},
        "parameters": {
            "text_tokens": TEXT_TOKENS,
            "num_face_tokens": NUM_FACE_TOKENS,
            "cross_attention_dim": cross_dim,
            "clip_vision_hidden_size": hidden_size,
            "id_embedding": "insightface buffalo_l normed_embedding [512] (buffalo_l/w600k_r50)",
            "face_crop": "insightface norm_crop(image, kps, 224) -> CLIPImageProcessor (RGB)",
            "vae_scaling_factor": float(vae.config.scaling_factor),
            "latent_channels": int(unet.config.in_channels),
            "vae_scale_factor": 8,
            "lora_rank": LORA_RANK,
            "lora_merged": True,
            "ip_adapter_scale_input": "ip_adapter_scale",
            "s_scale": 1.0,
            "shortcut": False,
            "scheduler": {"class": "DDIMScheduler", "num_train_timesteps": 1000, "beta_start": 0.00085,
                          "beta_end": 0.012, "beta_schedule": "scaled_linear", "clip_sample": False,
                          "set_alpha_to_one": False, "steps_offset": 1, "timestep_spacing": "leading",
                          "prediction_type": "epsilon", "eta": 0.0},
            "defaults": {"steps": 30, "guidance_scale": 7.5, "adapter_scale": 0.8, "width": WIDTH, "height": HEIGHT,
                         "negative_prompt": "monochrome, lowres, bad anatomy, worst quality, low quality"},
        },
        "files": list(files.values()),
        "models": models,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    total = sum(f["bytes"] for f in files.values())
    print(f"pack ready: {out} ({len(files)} files, {total / 1e9:.2f} GB)")


@torch.no_grad()
def verify(out, text_encoder, ids, image_encoder, pixels, projection, id_embeds, clip_states,
           reference_unet, layout, weights, sample, timestep, states, vae, latents):
    import numpy as np
    import onnxruntime as ort

    def session(stage):
        return ort.InferenceSession(str(out / stage / "model.onnx"), providers=["CPUExecutionProvider"])

    got = session("text_encoder").run(None, {"input_ids": ids.numpy()})[0]
    compare("text_encoder", text_encoder(ids.long()).last_hidden_state.numpy(), got, 1e-4)

    got = session("image_encoder").run(None, {"pixel_values": pixels.numpy()})[0]
    want = image_encoder(pixels, output_hidden_states=True).hidden_states[-2].numpy()
    compare("image_encoder (hidden_states[-2])", want, got, 1e-4)

    got = session("face_projection").run(None, {"id_embeds": id_embeds.numpy(), "clip_embeds": clip_states.numpy()})[0]
    compare("face_projection", projection(id_embeds, clip_states, shortcut=False, scale=1.0).numpy(), got, 1e-4)

    holder = ScaleHolder(0.8)
    reference_unet.set_attn_processor({name: ReferenceIPProcessor(w, holder, NUM_FACE_TOKENS, cross is not None)
                                       for (name, _, cross), w in zip(layout, weights)})
    unet_session = session("unet")
    for scale in (0.8, 0.0):
        holder.value = scale
        want = reference_unet(sample, timestep, states, return_dict=False)[0].numpy()
        got = unet_session.run(None, {"sample": sample.numpy(), "timestep": timestep.numpy(),
                                      "encoder_hidden_states": states.numpy(),
                                      "ip_adapter_scale": np.array([scale], dtype=np.float32)})[0]
        compare(f"unet (original LoRA/IP attention, scale {scale})", want, got, 2e-3)

    got = session("vae_decoder").run(None, {"latent_sample": latents.numpy()})[0]
    compare("vae_decoder", vae.decode(latents, return_dict=False)[0].numpy(), got, 1e-3)


if __name__ == "__main__":
    main()
