// Generates the Keras / TF.js-layers / Teachable Machine fixtures for the Keras-to-ONNX parity tests.
// Run: npm ci && node generate.mjs   (deterministic: two runs give byte-identical files)
process.env.TZ = 'UTC';
// HDF5 stamps object headers with the wall clock (through Date.now in WebAssembly): pin it so runs are byte-identical.
const FIXED_NOW = Date.UTC(2024, 0, 1);
Date.now = () => FIXED_NOW;
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import h5wasm from 'h5wasm/node';
import JSZip from 'jszip';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(HERE, '../../src/test/resources/dev/raut/core/convert/keras');
await tf.setBackend('cpu');
await h5wasm.ready;
const TFJS_VERSION = '4.22.0';

// ---------------------------------------------------------------- deterministic PRNG + weights
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const prod = (a) => a.reduce((x, y) => x * y, 1);

/** Fills every weight of `model` with seeded values; magnitudes chosen per weight role. */
function initWeights(model, seed, gain = 1.5) {
  const rnd = mulberry32(seed);
  const u = (lo, hi) => lo + (hi - lo) * rnd();
  for (const w of model.weights) {
    const role = w.originalName.split('/').pop().replace(/_\d+$/, '');
    const s = w.shape;
    const n = prod(s);
    const v = new Float32Array(n);
    let f;
    if (role === 'kernel' || role === 'depthwise_kernel' || role === 'pointwise_kernel') {
      let fanIn;
      if (role === 'depthwise_kernel') fanIn = s[0] * s[1];
      else if (s.length === 4) fanIn = s[0] * s[1] * s[2];
      else fanIn = s[0];
      const a = gain * Math.sqrt(3 / fanIn);
      f = () => u(-a, a);
    } else if (role === 'bias') f = () => u(-0.3, 0.3);
    else if (role === 'gamma') f = () => u(0.6, 1.4);
    else if (role === 'beta') f = () => u(-0.3, 0.3);
    else if (role === 'moving_mean') f = () => u(-0.4, 0.4);
    else if (role === 'moving_variance') f = () => u(0.4, 1.6);
    else if (role === 'alpha') f = () => u(0.05, 0.5);
    else throw new Error('unknown weight role ' + w.originalName);
    for (let i = 0; i < n; i++) v[i] = f();
    w.write(tf.tensor(v, s));
  }
}

// ---------------------------------------------------------------- fixed inputs (ParityInputs on the Java side)
const INPUT_NAMES = ['zeros', 'ones', 'ramp', 'ramp_pm1'];
function makeInput(name, shape) {
  const n = prod(shape);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const ramp = (i % 251) / 250;
    v[i] = Math.fround(name === 'zeros' ? 0 : name === 'ones' ? 1 : name === 'ramp' ? ramp : 2 * ramp - 1);
  }
  return tf.tensor(v, shape);
}
function runAll(model, inputShape) {
  const outputs = {};
  let outShape;
  for (const name of INPUT_NAMES) {
    const x = makeInput(name, inputShape);
    const y = model.predict(x);
    outShape = y.shape;
    outputs[name] = Array.from(y.dataSync());
    x.dispose(); y.dispose();
  }
  return { outputs, outShape };
}
function checkOutputs(caseName, outputs) {
  for (const [k, v] of Object.entries(outputs)) {
    if (v.some((x) => !Number.isFinite(x))) throw new Error(`${caseName}/${k}: non-finite output`);
  }
  for (let i = 0; i < INPUT_NAMES.length; i++) {
    for (let j = i + 1; j < INPUT_NAMES.length; j++) {
      const a = outputs[INPUT_NAMES[i]], b = outputs[INPUT_NAMES[j]];
      const d = Math.max(...a.map((x, k) => Math.abs(x - b[k])));
      if (d < 1e-3) throw new Error(`${caseName}: outputs for ${INPUT_NAMES[i]} and ${INPUT_NAMES[j]} nearly equal (${d})`);
    }
  }
}
function maxAbsDiff(a, b) {
  let m = 0;
  for (const k of INPUT_NAMES) for (let i = 0; i < a[k].length; i++) m = Math.max(m, Math.abs(a[k][i] - b[k][i]));
  return m;
}

// ---------------------------------------------------------------- file helpers
function caseDir(name) {
  const d = path.join(OUT, name);
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
  return d;
}
const writeJSON = (file, obj) => fs.writeFileSync(file, JSON.stringify(obj) + '\n');
function writeExpected(dir, e) {
  const ordered = {
    case: e.case, format: e.format, model: e.model, keras_version: e.keras_version,
    input_shape: e.input_shape, output_shape: e.output_shape, layers: e.layers,
  };
  if (e.custom_reference) ordered.custom_reference = e.custom_reference;
  if (e.notes) ordered.notes = e.notes;
  ordered.outputs = e.outputs;
  fs.writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(ordered, null, 1) + '\n');
}
/** Distinct layer class names of a (possibly nested) tfjs model, in first-seen order. */
function layerClasses(model, acc = []) {
  for (const l of model.layers) {
    const cn = l.getClassName();
    if (!acc.includes(cn)) acc.push(cn);
    if (l.layers) layerClasses(l, acc);
    if (cn === 'Activation' || l.activation) {
      const act = l.activation?.getClassName?.();
      const tag = act ? `activation:${act}` : null;
      if (tag && !acc.includes(tag) && act !== 'linear' || (tag && cn === 'Activation' && !acc.includes(tag))) acc.push(tag);
    }
  }
  return acc;
}
async function saveArtifacts(model) {
  let art;
  await model.save(tf.io.withSaveHandler(async (a) => { art = a; return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } }; }));
  return art;
}
function modelJSON(art, paths, weights) {
  return {
    modelTopology: art.modelTopology,
    format: art.format,
    generatedBy: art.generatedBy,
    convertedBy: art.convertedBy ?? null,
    weightsManifest: [{ paths, weights: weights ?? art.weightSpecs }],
  };
}
/** Loads model.json + shards from `dir` through tfjs's own loader (dequantises as a TF.js app would). */
async function loadFromDir(dir, file = 'model.json') {
  const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const handler = {
    load: async () => tf.io.getModelArtifactsForJSON(json, async (manifest) => {
      const specs = [], bufs = [];
      for (const g of manifest) {
        for (const p of g.paths) { const b = fs.readFileSync(path.join(dir, p)); bufs.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); }
        specs.push(...g.weights);
      }
      return [specs, tf.io.concatenateArrayBuffers(bufs)];
    }),
  };
  return tfl.loadLayersModel(handler);
}

// ---------------------------------------------------------------- custom reference layers (Keras semantics tfjs lacks)
class SpatialDropout2D extends tfl.layers.Layer {
  static className = 'SpatialDropout2D';
  constructor(cfg) { super(cfg); this.rate = cfg.rate; }
  computeOutputShape(s) { return s; }
  call(x) { return tf.tidy(() => tf.clone(Array.isArray(x) ? x[0] : x)); } // identity at inference
  getConfig() { return { ...super.getConfig(), rate: this.rate }; }
}
tf.serialization.registerClass(SpatialDropout2D);

/** UpSampling2D as Keras (tf.image.resize, half_pixel_centers) — tfjs's bilinear uses the legacy corner mapping. */
class KUpSampling2D extends tfl.layers.Layer {
  static className = 'UpSampling2D';
  constructor(cfg) { super(cfg); this.size = cfg.size ?? [2, 2]; this.interpolation = cfg.interpolation ?? 'nearest'; this.dataFormat = 'channelsLast'; }
  computeOutputShape(s) { return [s[0], s[1] * this.size[0], s[2] * this.size[1], s[3]]; }
  call(inputs) {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const hw = [x.shape[1] * this.size[0], x.shape[2] * this.size[1]];
      return this.interpolation === 'nearest' ? tf.image.resizeNearestNeighbor(x, hw) : tf.image.resizeBilinear(x, hw, false, true);
    });
  }
  getConfig() { return { ...super.getConfig(), size: this.size, dataFormat: this.dataFormat, interpolation: this.interpolation }; }
}
tf.serialization.registerClass(KUpSampling2D);

/** Resizing as Keras (bilinear/nearest with half_pixel_centers, no crop) — tfjs 4.22 uses align_corners. */
class KResizing extends tfl.layers.Layer {
  static className = 'Resizing';
  constructor(cfg) { super(cfg); this.height = cfg.height; this.width = cfg.width; this.interpolation = cfg.interpolation ?? 'bilinear'; this.cropToAspectRatio = false; }
  computeOutputShape(s) { return [s[0], this.height, this.width, s[3]]; }
  call(inputs) {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const hw = [this.height, this.width];
      return this.interpolation === 'nearest' ? tf.image.resizeNearestNeighbor(x, hw, false, true) : tf.image.resizeBilinear(x, hw, false, true);
    });
  }
  getConfig() { return { ...super.getConfig(), height: this.height, width: this.width, interpolation: this.interpolation, cropToAspectRatio: this.cropToAspectRatio }; }
}
tf.serialization.registerClass(KResizing);

/** Activation layer accepting the Keras names tfjs lacks (hard_swish, silu); others delegate to tfjs. */
const TfjsActivation = tf.serialization.SerializationMap.getMap().classNameMap['Activation'][0];
class KActivation extends TfjsActivation {
  static className = 'Activation';
  constructor(cfg) {
    const name = cfg.activation === 'hardSwish' ? 'hard_swish' : cfg.activation;
    const extra = name === 'hard_swish' || name === 'silu';
    super({ ...cfg, activation: extra ? 'linear' : name });
    this.kerasName = name;
    if (name === 'hard_swish') this.activation = { apply: (x) => tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6)), getClassName: () => 'hard_swish' };
    if (name === 'silu') this.activation = { apply: (x) => tf.mul(x, tf.sigmoid(x)), getClassName: () => 'silu' };
  }
  call(inputs) { return tf.tidy(() => this.activation.apply(Array.isArray(inputs) ? inputs[0] : inputs)); }
  getConfig() { return { ...super.getConfig(), activation: this.kerasName }; }
}
tf.serialization.registerClass(KActivation);

/** ReLU / ELU with every Keras argument (tfjs 4.22 ReLU knows only max_value, ELU only alpha=1). */
class KReLU extends tfl.layers.Layer {
  static className = 'ReLU';
  constructor(cfg = {}) { super(cfg); this.maxValue = cfg.maxValue ?? null; this.negativeSlope = cfg.negativeSlope ?? 0; this.threshold = cfg.threshold ?? 0; }
  computeOutputShape(s) { return s; }
  call(inputs) {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      // Keras: x >= max_value -> max_value; threshold <= x < max_value -> x; else negative_slope * (x - threshold)
      let y = tf.where(tf.greaterEqual(x, this.threshold), x, tf.mul(this.negativeSlope, tf.sub(x, this.threshold)));
      if (this.maxValue != null) y = tf.minimum(y, this.maxValue);
      return y;
    });
  }
  getConfig() { return { ...super.getConfig(), maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold }; }
}
tf.serialization.registerClass(KReLU);
class KELU extends tfl.layers.Layer {
  static className = 'ELU';
  constructor(cfg = {}) { super(cfg); this.alpha = cfg.alpha ?? 1; }
  computeOutputShape(s) { return s; }
  call(inputs) { return tf.tidy(() => { const x = Array.isArray(inputs) ? inputs[0] : inputs; return tf.where(tf.greater(x, 0), x, tf.mul(this.alpha, tf.sub(tf.exp(x), 1))); }); }
  getConfig() { return { ...super.getConfig(), alpha: this.alpha }; }
}
tf.serialization.registerClass(KELU);

/** Subtract (tfjs 4.22 has no Subtract layer): inputs[0] - inputs[1]. */
class KSubtract extends tfl.layers.Layer {
  static className = 'Subtract';
  computeOutputShape(s) { return s[0]; }
  call(inputs) { return tf.tidy(() => tf.sub(inputs[0], inputs[1])); }
}
tf.serialization.registerClass(KSubtract);

const L = { ...tfl.layers, subtract: (c) => new KSubtract(c), reLU: (c) => new KReLU(c), elu: (c) => new KELU(c) };
const ACT = (a, cfg = {}) => new KActivation({ activation: a, ...cfg });

// ---------------------------------------------------------------- case 1: TF.js layers models
async function writeTfjsCase(name, model, inputShape, extra = {}) {
  const dir = caseDir(name);
  initWeights(model, hashSeed(name), extra.gain ?? 1.5);
  const art = await saveArtifacts(model);
  fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(art.weightData));
  writeJSON(path.join(dir, 'model.json'), modelJSON(art, ['weights.bin']));
  // reference outputs come from the files just written, read back through tfjs's loader
  const loaded = await loadFromDir(dir);
  const { outputs, outShape } = runAll(loaded, inputShape);
  const direct = runAll(model, inputShape).outputs;
  if (maxAbsDiff(outputs, direct) !== 0) throw new Error(name + ': reloaded model differs');
  checkOutputs(name, outputs);
  writeExpected(dir, {
    case: name, format: 'tfjs-layers', model: 'model.json', keras_version: art.modelTopology.keras_version,
    input_shape: inputShape, output_shape: outShape, layers: extra.layers ?? layerClasses(model),
    custom_reference: extra.custom_reference, notes: extra.notes, outputs,
  });
  return { model, art, outputs };
}
function hashSeed(s) { let h = 2166136261; for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619); return h >>> 0; }

function convFamily() {
  const x0 = tfl.input({ shape: [16, 16, 3], name: 'image' });
  const a = L.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'conv_s2_same_even' }).apply(x0); // 16 -> 8
  let b = L.conv2d({ filters: 4, kernelSize: 2, padding: 'valid', name: 'conv_valid_k2' }).apply(x0); // 15x15
  b = L.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'conv_s2_same_odd_nobias' }).apply(b); // 15 -> 8
  let m = L.concatenate({ axis: -1, name: 'concat_channels' }).apply([a, b]); // 8x8x12
  m = L.conv2d({ filters: 8, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'tanh', name: 'conv_dilated2' }).apply(m);
  m = L.conv2d({ filters: 8, kernelSize: [3, 2], dilationRate: 2, padding: 'valid', name: 'conv_dilated2_valid' }).apply(m); // 4x6x8
  m = L.zeroPadding2d({ padding: [[2, 2], [1, 1]], name: 'pad_back_to_8' }).apply(m); // 8x8x8
  let d = L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', name: 'dw_m2_s2_same' }).apply(m); // 4x4x16
  d = L.depthwiseConv2d({ kernelSize: 3, padding: 'valid', useBias: false, name: 'dw_valid_nobias' }).apply(L.zeroPadding2d({ padding: 1, name: 'pad1' }).apply(d)); // 4x4x16
  let e = L.separableConv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'sep_same' }).apply(d); // 4x4x8
  e = L.separableConv2d({ filters: 6, kernelSize: 3, padding: 'valid', name: 'sep_valid' }) // depth_multiplier>1 not used: tfjs 4.22 SeparableConv2D.getConfig drops it
    .apply(L.zeroPadding2d({ padding: 1, name: 'pad2' }).apply(e)); // 4x4x6
  let f = L.conv2dTranspose({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', name: 'convT_s2_same' }).apply(e); // 8x8x6
  f = L.batchNormalization({ epsilon: 0.01, name: 'bn_eps001' }).apply(f);
  f = L.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 1, padding: 'valid', useBias: false, name: 'convT_valid' }).apply(f); // 10x10x4
  f = L.batchNormalization({ center: false, epsilon: 1e-3, name: 'bn_nocenter' }).apply(f);
  f = L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'valid', name: 'conv_s2_valid' }).apply(f); // 4x4x4
  f = L.batchNormalization({ scale: false, name: 'bn_noscale' }).apply(f);
  f = L.conv2dTranspose({ filters: 3, kernelSize: 2, strides: 2, padding: 'valid', name: 'convT_s2_valid' }).apply(f); // 8x8x3
  f = L.dense({ units: 4, name: 'dense_on_rank4' }).apply(f); // 8x8x4, applied to last axis
  const g = L.globalAveragePooling2d({ name: 'gap' }).apply(f);
  const fl = L.flatten({ name: 'flatten' }).apply(L.conv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', name: 'conv_head' }).apply(f)); // 4x4x2=32
  const h = L.concatenate({ name: 'head_concat' }).apply([g, fl]);
  const out = L.dense({ units: 10, useBias: false, name: 'logits_nobias' }).apply(h);
  return tfl.model({ inputs: x0, outputs: out, name: 'conv_family' });
}

function activations() {
  const x0 = tfl.input({ shape: [6, 6, 3], name: 'image' });
  const stem = L.conv2d({ filters: 6, kernelSize: 3, padding: 'same', name: 'stem' }).apply(x0);
  const acts = ['relu', 'relu6', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'swish', 'elu', 'selu', 'softplus', 'softsign', 'linear', 'gelu', 'mish'];
  const heads = [];
  const gap = (t, n) => L.globalAveragePooling2d({ name: 'gap_' + n }).apply(t);
  for (const a of acts) {
    const c = L.conv2d({ filters: 3, kernelSize: 1, activation: a, name: 'conv_act_' + a }).apply(stem);
    heads.push(gap(c, 'conv_' + a));
    const p = L.conv2d({ filters: 3, kernelSize: 1, name: 'pre_' + a }).apply(stem);
    heads.push(gap(ACT(a, { name: 'act_' + a }).apply(p), 'act_' + a));
  }
  for (const a of ['hard_swish', 'silu']) {
    const p = L.conv2d({ filters: 3, kernelSize: 1, name: 'pre_' + a }).apply(stem);
    heads.push(gap(ACT(a, { name: 'act_' + a }).apply(p), 'act_' + a));
  }
  const pre = (n) => L.conv2d({ filters: 3, kernelSize: 1, name: 'pre_' + n }).apply(stem);
  heads.push(gap(L.reLU({ maxValue: 1.5, name: 'relu_max1p5' }).apply(pre('relu_max')), 'relu_max'));
  heads.push(gap(L.reLU({ maxValue: 2, negativeSlope: 0.1, threshold: 0.5, name: 'relu_max_slope_thr' }).apply(pre('relu_full')), 'relu_full'));
  heads.push(gap(L.reLU({ negativeSlope: 0.25, name: 'relu_slope' }).apply(pre('relu_slope')), 'relu_slope'));
  heads.push(gap(L.leakyReLU({ alpha: 0.2, name: 'leaky_0p2' }).apply(pre('leaky')), 'leaky'));
  heads.push(gap(L.prelu({ sharedAxes: [1, 2], name: 'prelu_shared12' }).apply(pre('prelu')), 'prelu'));
  heads.push(gap(L.prelu({ name: 'prelu_full' }).apply(pre('prelu_full')), 'prelu_full'));
  heads.push(gap(L.elu({ alpha: 0.7, name: 'elu_0p7' }).apply(pre('elu_layer')), 'elu_layer'));
  heads.push(gap(L.softmax({ axis: -1, name: 'softmax_layer' }).apply(pre('softmax_layer')), 'softmax_layer'));
  heads.push(gap(L.thresholdedReLU({ theta: 0.3, name: 'thresholded_relu' }).apply(pre('thr')), 'thr'));
  const out = L.concatenate({ name: 'all' }).apply(heads);
  return tfl.model({ inputs: x0, outputs: out, name: 'activations' });
}

function reluVariants() {
  // Keras ReLU(max_value, negative_slope, threshold): the TF.js ReLU layer only has max_value, so this
  // model is a separate Keras-2 h5 case (see writeKerasH5Cases); here only the layer factory.
  return null;
}

function pooling() {
  const x0 = tfl.input({ shape: [13, 13, 4], name: 'image' });
  const c = L.conv2d({ filters: 4, kernelSize: 1, name: 'mix' }).apply(x0);
  const br = [];
  const fl = (t, n) => L.flatten({ name: 'flat_' + n }).apply(t);
  br.push(fl(L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'max_same_odd' }).apply(c), 'max_same'));
  br.push(fl(L.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'avg_same_odd' }).apply(c), 'avg_same'));
  br.push(fl(L.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same', name: 'avg_same_s1' }).apply(c), 'avg_same_s1'));
  br.push(fl(L.maxPooling2d({ poolSize: 2, padding: 'valid', name: 'max_valid' }).apply(c), 'max_valid'));
  br.push(fl(L.averagePooling2d({ poolSize: [3, 2], strides: [2, 3], padding: 'valid', name: 'avg_valid' }).apply(c), 'avg_valid'));
  br.push(L.globalAveragePooling2d({ name: 'gap' }).apply(c));
  br.push(L.globalMaxPooling2d({ name: 'gmp' }).apply(c));
  const out = L.concatenate({ name: 'all' }).apply(br);
  return tfl.model({ inputs: x0, outputs: out, name: 'pooling_shapes' });
}

function spatialOps() {
  const m = tfl.sequential({ name: 'spatial_ops' });
  m.add(L.inputLayer({ batchInputShape: [null, 7, 6, 3], name: 'image' }));
  m.add(L.conv2d({ filters: 3, kernelSize: 1, name: 'mix' }));
  m.add(L.zeroPadding2d({ padding: [[0, 1], [2, 0]], name: 'zeropad_asym' })); // 8x8x3
  m.add(L.cropping2D({ cropping: [[1, 2], [0, 3]], name: 'crop_asym' })); // 5x5x3
  m.add(new KUpSampling2D({ size: [2, 3], interpolation: 'nearest', name: 'up_nearest_2x3' })); // 10x15x3
  m.add(L.conv2d({ filters: 4, kernelSize: 3, strides: 2, name: 'down' })); // 4x7x4
  m.add(new KUpSampling2D({ size: [2, 2], interpolation: 'bilinear', name: 'up_bilinear' })); // 8x14x4
  m.add(L.dropout({ rate: 0.3, name: 'dropout' }));
  m.add(new SpatialDropout2D({ rate: 0.2, name: 'spatial_dropout' }));
  m.add(L.gaussianNoise({ stddev: 0.5, name: 'gaussian_noise' }));
  m.add(L.conv2d({ filters: 3, kernelSize: 3, name: 'out_conv' })); // 6x12x3 = 216
  return m;
}

function flattenOrder() {
  const x0 = tfl.input({ shape: [7, 5, 2], name: 'image' });
  const c = L.conv2d({ filters: 3, kernelSize: 3, padding: 'same', name: 'conv' }).apply(x0); // 7x5x3
  const f1 = L.flatten({ name: 'flatten_after_conv' }).apply(c); // 105, NHWC order
  let p = L.permute({ dims: [3, 1, 2], name: 'permute_chw' }).apply(c); // 3x7x5
  p = L.reshape({ targetShape: [21, 5], name: 'reshape_21x5' }).apply(p);
  p = L.dense({ units: 2, name: 'dense_rank3' }).apply(p); // 21x2
  p = L.permute({ dims: [2, 1], name: 'permute_21' }).apply(p); // 2x21
  const f2 = L.flatten({ name: 'flatten2' }).apply(p); // 42
  const r = L.reshape({ targetShape: [5, 7, 3], name: 'reshape_spatial' }).apply(c);
  const f3 = L.flatten({ name: 'flatten3' }).apply(L.conv2d({ filters: 1, kernelSize: [2, 3], name: 'conv_after_reshape' }).apply(r)); // 4x5x1=20
  const out = L.concatenate({ name: 'all' }).apply([f1, f2, f3]);
  return tfl.model({ inputs: x0, outputs: out, name: 'flatten_order' });
}

function mergesFunctional() {
  // innermost Sequential, inside a Functional block, inside a Sequential; plus a shared layer
  const innerSeq = tfl.sequential({ name: 'inner_seq' });
  innerSeq.add(L.conv2d({ inputShape: [8, 8, 4], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'inner_conv' }));
  innerSeq.add(L.batchNormalization({ name: 'inner_bn' }));
  const bi = tfl.input({ shape: [8, 8, 4], name: 'block_in' });
  const bo = L.add({ name: 'block_add' }).apply([bi, innerSeq.apply(bi)]);
  const block = tfl.model({ inputs: bi, outputs: bo, name: 'res_block' });
  const outerSeq = tfl.sequential({ name: 'outer_seq' });
  outerSeq.add(L.conv2d({ inputShape: [8, 8, 4], filters: 4, kernelSize: 1, name: 'outer_pre' }));
  outerSeq.add(block);
  outerSeq.add(L.reLU({ name: 'outer_relu' }));

  const x0 = tfl.input({ shape: [8, 8, 3], name: 'image' });
  const stem = L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'stem' }).apply(x0);
  const shared = L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'tanh', name: 'shared_conv' });
  const s1 = shared.apply(stem); // node 0
  const s2 = shared.apply(s1); // node 1: shared layer called twice
  const q = outerSeq.apply(s2);
  const b1 = L.conv2d({ filters: 4, kernelSize: 1, name: 'b1' }).apply(stem);
  const add = L.add({ name: 'add' }).apply([s1, s2, q]);
  const sub = L.subtract({ name: 'subtract' }).apply([q, b1]);
  const mul = L.multiply({ name: 'multiply' }).apply([s2, b1]);
  const avg = L.average({ name: 'average' }).apply([add, sub]);
  const mx = L.maximum({ name: 'maximum' }).apply([mul, sub, s1]);
  const mn = L.minimum({ name: 'minimum' }).apply([add, mul]);
  const cat = L.concatenate({ axis: -1, name: 'concat_c' }).apply([avg, mx, mn]); // 8x8x12
  const catH = L.concatenate({ axis: 1, name: 'concat_h' }).apply([avg, mn]); // 16x8x4
  const catW = L.concatenate({ axis: 2, name: 'concat_w' }).apply([catH, catH]); // 16x16x4
  const p1 = L.flatten({ name: 'flat_c' }).apply(L.conv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', name: 'head_c' }).apply(cat)); // 32
  const p2 = L.flatten({ name: 'flat_hw' }).apply(L.conv2d({ filters: 1, kernelSize: 4, strides: 4, name: 'head_hw' }).apply(catW)); // 16
  const out = L.concatenate({ name: 'out' }).apply([p1, p2]);
  return tfl.model({ inputs: x0, outputs: out, name: 'merges_functional' });
}

function preprocessing() {
  const m = tfl.sequential({ name: 'preprocessing' });
  m.add(L.inputLayer({ batchInputShape: [null, 20, 18, 3], name: 'image' }));
  m.add(L.rescaling({ scale: 1 / 127.5, offset: -1, name: 'rescale' }));
  m.add(new KResizing({ height: 12, width: 14, interpolation: 'bilinear', name: 'resize_bilinear' }));
  m.add(L.centerCrop({ height: 9, width: 10, name: 'center_crop' }));
  m.add(new KResizing({ height: 6, width: 5, interpolation: 'nearest', name: 'resize_nearest' }));
  m.add(L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'conv' })); // 6x5x4 = 120
  m.add(L.flatten({ name: 'flatten' }));
  return m;
}

// ---------------------------------------------------------------- case 2: Teachable Machine shaped model
function tmModel() {
  const inp = tfl.input({ shape: [32, 32, 3], name: 'input_1' });
  let x = L.zeroPadding2d({ padding: [[0, 1], [0, 1]], name: 'Conv1_pad' }).apply(inp);
  x = L.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'valid', useBias: false, name: 'Conv1' }).apply(x); // 15x15x8
  x = L.batchNormalization({ epsilon: 1e-3, momentum: 0.999, name: 'bn_Conv1' }).apply(x);
  x = L.reLU({ maxValue: 6, name: 'Conv1_relu' }).apply(x);
  let y = L.depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false, name: 'expanded_conv_depthwise' }).apply(x);
  y = L.batchNormalization({ epsilon: 1e-3, momentum: 0.999, name: 'expanded_conv_depthwise_BN' }).apply(y);
  y = L.reLU({ maxValue: 6, name: 'expanded_conv_depthwise_relu' }).apply(y);
  y = L.conv2d({ filters: 8, kernelSize: 1, padding: 'same', useBias: false, name: 'expanded_conv_project' }).apply(y);
  y = L.batchNormalization({ epsilon: 1e-3, momentum: 0.999, name: 'expanded_conv_project_BN' }).apply(y);
  let z = L.add({ name: 'block_add' }).apply([x, y]);
  z = L.conv2d({ filters: 16, kernelSize: 1, useBias: false, name: 'Conv_1' }).apply(z);
  z = L.batchNormalization({ epsilon: 1e-3, momentum: 0.999, name: 'Conv_1_bn' }).apply(z);
  z = L.reLU({ maxValue: 6, name: 'out_relu' }).apply(z);
  const base = tfl.model({ inputs: inp, outputs: z, name: 'model1' });
  const s1 = tfl.sequential({ name: 'sequential_1' });
  s1.add(base);
  s1.add(L.globalAveragePooling2d({ name: 'global_average_pooling2d_GlobalAveragePooling2D1' }));
  const s3 = tfl.sequential({ name: 'sequential_3' });
  s3.add(L.dense({ inputShape: [16], units: 8, activation: 'relu', name: 'dense_Dense1' }));
  s3.add(L.dense({ units: 3, activation: 'softmax', useBias: false, name: 'dense_Dense2' }));
  const top = tfl.sequential({ name: 'sequential_4' });
  top.add(s1);
  top.add(s3);
  return top;
}
const TM_LABELS = ['alpha', 'beta', 'gamma'];
const TM_METADATA = {
  tfjsVersion: '1.3.1', tmVersion: '2.4.4', packageVersion: '0.8.4-alpha2', packageName: '@teachablemachine/image',
  timeStamp: '2024-01-01T00:00:00.000Z', userMetadata: {}, modelName: 'tm-my-image-model', labels: TM_LABELS, imageSize: 32,
};

function f32ToF16(v) {
  const f = new Float32Array(1), u = new Uint32Array(f.buffer);
  f[0] = v; const x = u[0];
  const sign = (x >>> 16) & 0x8000; let exp = (x >>> 23) & 0xff; let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  exp = exp - 127 + 15;
  if (exp >= 0x1f) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000; const shift = 14 - exp; let h = mant >> shift;
    const rem = mant & ((1 << shift) - 1), half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  let h = sign | (exp << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return h;
}
/** uint8 affine quantisation as the TF.js converter does it (zero exactly representable). */
function quantUint8(vals) {
  let min = Math.min(0, ...vals), max = Math.max(0, ...vals);
  let scale = (max - min) / 255;
  if (scale === 0) scale = 1;
  const zero = Math.round(-min / scale);
  const nmin = -zero * scale;
  const q = new Uint8Array(vals.length);
  for (let i = 0; i < vals.length; i++) q[i] = Math.max(0, Math.min(255, Math.round((vals[i] - nmin) / scale)));
  return { q, scale, min: nmin };
}

async function writeTmTfjsCases() {
  const model = tmModel();
  initWeights(model, hashSeed('tm'), 1.5);
  const art = await saveArtifacts(model);
  const shape = [1, 32, 32, 3];
  const layers = layerClasses(model);
  const results = {};
  const variants = {
    tm_tfjs_f32: 'float32, one shard (weights.bin, as Teachable Machine writes it)',
    tm_tfjs_f32_2shards: 'float32 split into group1-shard1of2.bin / group1-shard2of2.bin',
    tm_tfjs_uint8: 'every float32 weight quantised to uint8 (quantization {dtype:uint8, scale, min}); outputs from dequantised weights',
    tm_tfjs_f16: 'every float32 weight stored as float16 (quantization {dtype:float16}); outputs from dequantised weights',
  };
  for (const [name, note] of Object.entries(variants)) {
    const dir = caseDir(name);
    const data = Buffer.from(art.weightData);
    if (name === 'tm_tfjs_f32') {
      fs.writeFileSync(path.join(dir, 'weights.bin'), data);
      writeJSON(path.join(dir, 'model.json'), modelJSON(art, ['weights.bin']));
    } else if (name === 'tm_tfjs_f32_2shards') {
      const cut = Math.ceil(data.length / 2 / 4) * 4 + 6; // deliberately not on a tensor boundary
      fs.writeFileSync(path.join(dir, 'group1-shard1of2.bin'), data.subarray(0, cut));
      fs.writeFileSync(path.join(dir, 'group1-shard2of2.bin'), data.subarray(cut));
      writeJSON(path.join(dir, 'model.json'), modelJSON(art, ['group1-shard1of2.bin', 'group1-shard2of2.bin']));
    } else {
      const f32 = new Float32Array(art.weightData);
      let off = 0; const parts = []; const specs = [];
      for (const s of art.weightSpecs) {
        const n = prod(s.shape); const vals = Array.from(f32.subarray(off, off + n)); off += n;
        if (name === 'tm_tfjs_uint8') {
          const { q, scale, min } = quantUint8(vals);
          parts.push(Buffer.from(q));
          specs.push({ ...s, quantization: { dtype: 'uint8', scale, min } });
        } else {
          const h = new Uint16Array(n); for (let i = 0; i < n; i++) h[i] = f32ToF16(vals[i]);
          parts.push(Buffer.from(h.buffer));
          specs.push({ ...s, quantization: { dtype: 'float16' } });
        }
      }
      fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.concat(parts));
      writeJSON(path.join(dir, 'model.json'), modelJSON(art, ['weights.bin'], specs));
    }
    writeJSON(path.join(dir, 'metadata.json'), TM_METADATA);
    const loaded = await loadFromDir(dir);
    const { outputs, outShape } = runAll(loaded, shape);
    checkOutputs(name, outputs);
    results[name] = outputs;
    const e = { case: name, format: 'tm-tfjs', model: 'model.json', keras_version: art.modelTopology.keras_version, input_shape: shape, output_shape: outShape, layers, notes: note, outputs };
    if (name === 'tm_tfjs_f32') {
      // Teachable Machine's download: a zip of the folder (model.json, weights.bin, metadata.json)
      const zip = new JSZip();
      for (const f of ['model.json', 'metadata.json', 'weights.bin']) zip.file(f, fs.readFileSync(path.join(dir, f)), { date: new Date(Date.UTC(2024, 0, 1)) });
      fs.writeFileSync(path.join(dir, 'tm_model.zip'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }));
      e.notes += '; tm_model.zip holds the same three files (Teachable Machine download form), same expected outputs';
    }
    writeExpected(dir, e);
  }
  const direct = runAll(model, shape).outputs;
  if (maxAbsDiff(direct, results.tm_tfjs_f32) !== 0 || maxAbsDiff(direct, results.tm_tfjs_f32_2shards) !== 0) throw new Error('tm f32 mismatch');
  console.log('tm quantisation effect: uint8', maxAbsDiff(direct, results.tm_tfjs_uint8).toExponential(2), 'f16', maxAbsDiff(direct, results.tm_tfjs_f16).toExponential(2));
  return { model, art, direct };
}

// ---------------------------------------------------------------- HDF5 helpers
function h5Group(parent, name) {
  let g = parent;
  for (const part of name.split('/')) {
    if (!g.keys().includes(part)) g.create_group(part);
    g = g.get(part);
  }
  return g;
}
/** Keras 2 (h5py, numpy bytes arrays): fixed-length ASCII strings sized to the longest. Keras 3: vlen. */
function strArrayAttr(obj, name, strs, vlen) {
  if (strs.length === 0) { obj.create_attribute(name, new Float64Array(0), [0], '<d'); return; } // as h5py writes an empty list
  if (vlen) obj.create_attribute(name, strs, [strs.length], 'A');
  else obj.create_attribute(name, strs, [strs.length], 'A' + Math.max(...strs.map((s) => s.length)));
}
function f32Dataset(g, name, arr, shape) {
  g.create_dataset({ name, data: new Float32Array(arr), shape, dtype: '<f' });
}
/** Per-weight values of a tfjs layer (trainable first, then non-trainable, as Keras' layer.weights). */
function layerWeightValues(layer) { return layer.weights.map((w) => ({ short: w.originalName.split('/').pop(), value: w.read().dataSync().slice(), shape: w.shape, orig: w.originalName })); }

/** Keras-2 legacy h5 layout: model_weights/<top layer>/<weight name> with weight_names listing the names. */
function writeKeras2Weights(mw, model, opts) {
  const tops = opts.topLayers(model);
  strArrayAttr(mw, 'layer_names', tops.map((l) => l.name), false);
  mw.create_attribute('backend', 'tensorflow', null, 'A');
  mw.create_attribute('keras_version', opts.kerasVersion, null, 'A');
  for (const l of tops) {
    const g = h5Group(mw, l.name);
    const names = [];
    // a nested model's weights: trainable of every sublayer first, then non-trainable (Keras' Model.weights)
    for (const w of l.weights) {
      const parts = w.originalName.split('/');
      const short = parts.pop();
      const owner = parts.pop();
      const n = opts.weightName(l, owner, short);
      names.push(n);
      const slash = n.lastIndexOf('/');
      f32Dataset(h5Group(g, n.slice(0, slash)), n.slice(slash + 1), w.read().dataSync(), w.shape);
    }
    strArrayAttr(g, 'weight_names', names, false);
  }
}

/** Keras-2 style model_config from tfjs topology (tfjs topologies are Keras-2 configs). */
function keras2Config(topology, { functionalName, addInputLayers, dtype }) {
  const fix = (c, isTop) => {
    const out = { class_name: c.class_name === 'Model' || c.class_name === 'Functional' ? functionalName : c.class_name, config: { ...c.config } };
    if (c.name !== undefined) out.name = c.name;
    if (c.inbound_nodes !== undefined) out.inbound_nodes = c.inbound_nodes;
    if (Array.isArray(c.config.layers)) {
      let layers = c.config.layers.map((l) => fix(l, false));
      if (c.class_name === 'Sequential' && addInputLayers && layers[0].class_name !== 'InputLayer') {
        const first = layers[0];
        const bis = first.config.batch_input_shape ?? first.config.layers?.[0]?.config?.batch_input_shape;
        layers = [{ class_name: 'InputLayer', config: { batch_input_shape: bis, dtype: 'float32', sparse: false, ragged: false, name: first.config.name + '_input' } }, ...layers];
      }
      out.config.layers = layers;
    } else if (dtype && out.class_name !== 'InputLayer') out.config.dtype = out.config.dtype ?? 'float32';
    return out;
  };
  return fix(topology, true);
}

/** Reads a legacy (Keras 2 or Keras 3) h5 back: config + weights by top layer, positional within a layer. */
function readLegacyH5(file) {
  const f = new h5wasm.File(file, 'r');
  const cfg = JSON.parse(f.attrs.model_config.value);
  const mw = f.get('model_weights');
  const layerNames = [].concat(mw.attrs.layer_names.value);
  const weights = {};
  for (const ln of layerNames) {
    const g = mw.get(ln);
    const wn = g.attrs.weight_names.value;
    const names = ArrayBuffer.isView(wn) ? [] : [].concat(wn);
    weights[ln] = names.map((n) => { const d = g.get(n); return { name: n, value: d.value, shape: d.shape }; });
  }
  const kv = f.attrs.keras_version.value;
  f.close();
  return { cfg, weights, kerasVersion: kv };
}
function setWeightsPositional(tfModel, weightsByTop) {
  for (const l of tfModel.layers) {
    const ws = weightsByTop[l.name];
    if (!ws) { if (l.weights.length) throw new Error('no weights for ' + l.name); continue; }
    if (ws.length !== l.weights.length) throw new Error(`weight count ${l.name}: ${ws.length} vs ${l.weights.length}`);
    l.weights.forEach((w, i) => {
      if (JSON.stringify(w.shape) !== JSON.stringify(ws[i].shape)) throw new Error(`shape ${l.name}/${ws[i].name}`);
      w.write(tf.tensor(ws[i].value, ws[i].shape));
    });
  }
}
/** tfjs can read Keras-2 configs; Keras 2.4 'Functional' maps to tfjs 'Model' (both registered). */
async function rebuildFromKeras2(cfg) {
  return tfl.models.modelFromJSON({ modelTopology: cfg });
}

// ---------------------------------------------------------------- case 3a/3b: Keras 2 HDF5
function k2Functional() {
  const innerSeq = tfl.sequential({ name: 'sequential' });
  innerSeq.add(L.separableConv2d({ inputShape: [6, 6, 8], filters: 8, kernelSize: 3, padding: 'same', useBias: false, name: 'separable_conv2d' }));
  innerSeq.add(L.batchNormalization({ name: 'batch_normalization_1' }));
  innerSeq.add(ACT('relu', { name: 'activation_1' }));
  const x0 = tfl.input({ shape: [12, 12, 3], name: 'input_1' });
  let x = L.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', name: 'conv2d' }).apply(x0); // 6x6x8
  x = L.batchNormalization({ epsilon: 1e-3, name: 'batch_normalization' }).apply(x);
  x = L.reLU({ maxValue: 6, name: 're_lu' }).apply(x);
  const y = innerSeq.apply(x);
  x = L.add({ name: 'add' }).apply([x, y]);
  x = L.depthwiseConv2d({ kernelSize: 3, padding: 'same', name: 'depthwise_conv2d' }).apply(x);
  x = L.prelu({ sharedAxes: [1, 2], name: 'p_re_lu' }).apply(x);
  x = L.maxPooling2d({ poolSize: 2, name: 'max_pooling2d' }).apply(x); // 3x3x8
  x = L.flatten({ name: 'flatten' }).apply(x);
  x = L.dense({ units: 6, activation: 'softmax', name: 'dense' }).apply(x);
  return tfl.model({ inputs: x0, outputs: x, name: 'functional_1' });
}
function k205Model() {
  // fer2013 mini-Xception shape in small: class_name 'Model', Keras 2.0 config, *_1 weight-group quirk
  const x0 = tfl.input({ shape: [12, 12, 1], name: 'input_1' });
  let x = L.conv2d({ filters: 4, kernelSize: 3, useBias: false, name: 'conv2d_1' }).apply(x0); // 10x10x4
  x = L.batchNormalization({ name: 'batch_normalization_1' }).apply(x);
  x = ACT('tanh', { name: 'activation_1' }).apply(x);
  let r = L.conv2d({ filters: 8, kernelSize: 1, strides: 2, padding: 'same', useBias: false, name: 'conv2d_2' }).apply(x); // 5x5x8
  r = L.batchNormalization({ name: 'batch_normalization_2' }).apply(r);
  let y = L.separableConv2d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false, name: 'separable_conv2d_1' }).apply(x);
  y = L.batchNormalization({ name: 'batch_normalization_3' }).apply(y);
  y = L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'max_pooling2d_1' }).apply(y); // 5x5x8
  x = L.add({ name: 'add_1' }).apply([y, r]);
  x = L.conv2d({ filters: 5, kernelSize: 3, padding: 'same', name: 'conv2d_3' }).apply(x);
  x = L.globalAveragePooling2d({ name: 'global_average_pooling2d_1' }).apply(x);
  x = ACT('softmax', { name: 'predictions' }).apply(x);
  return tfl.model({ inputs: x0, outputs: x, name: 'model_1' });
}
/** Keras 2.0.5 layer entries: {class_name, name, config, inbound_nodes}; config holds Keras 2.0 keys. */
function keras205Config(topology) {
  const c = keras2Config(topology, { functionalName: 'Model', addInputLayers: false, dtype: false });
  c.config.layers = c.config.layers.map((l) => ({ class_name: l.class_name, name: l.name, config: l.config, inbound_nodes: l.inbound_nodes }));
  return c;
}

async function writeH5(file, build) {
  const f = new h5wasm.File(file, 'w');
  build(f);
  f.close();
}

async function writeKeras2Cases(tm) {
  // 3a: Keras 2.4 Functional with a nested Sequential
  {
    const name = 'keras2_functional_h5';
    const model = k2Functional();
    initWeights(model, hashSeed(name));
    const art = await saveArtifacts(model);
    const cfg = keras2Config(art.modelTopology, { functionalName: 'Functional', addInputLayers: true, dtype: true });
    const dir = caseDir(name);
    await writeH5(path.join(dir, 'model.h5'), (f) => {
      f.create_attribute('backend', 'tensorflow', null, 'S');
      f.create_attribute('keras_version', '2.4.0', null, 'S');
      f.create_attribute('model_config', JSON.stringify(cfg), null, 'A');
      const mw = f.create_group('model_weights') ?? f.get('model_weights');
      writeKeras2Weights(f.get('model_weights'), model, {
        kerasVersion: '2.4.0', topLayers: (m) => m.layers,
        weightName: (top, owner, short) => `${owner}/${short}:0`,
      });
    });
    await finishH5Case(name, dir, 'model.h5', 'keras-h5', model, [1, 12, 12, 3], rebuildFromKeras2);
  }
  // 3a': Keras 2.0.5 'Model' with batch_input_shape, fer2013-style weight group names
  {
    const name = 'keras205_model_h5';
    const model = k205Model();
    initWeights(model, hashSeed(name));
    const art = await saveArtifacts(model);
    const cfg = keras205Config(art.modelTopology);
    const dir = caseDir(name);
    await writeH5(path.join(dir, 'model.h5'), (f) => {
      f.create_attribute('backend', 'tensorflow', null, 'A');
      f.create_attribute('keras_version', '2.0.5', null, 'A');
      f.create_attribute('model_config', JSON.stringify(cfg), null, 'A');
      f.create_group('model_weights');
      writeKeras2Weights(f.get('model_weights'), model, {
        kerasVersion: '2.0.5', topLayers: (m) => m.layers,
        weightName: (top, owner, short) => `${owner}_1/${short}:0`,
      });
    });
    await finishH5Case(name, dir, 'model.h5', 'keras-h5', model, [1, 12, 12, 1], rebuildFromKeras2);
  }
  // 3b: Teachable Machine Keras export of the TM model
  {
    const name = 'tm_keras_h5';
    const model = tm.model;
    const cfg = keras2Config(tm.art.modelTopology, { functionalName: 'Functional', addInputLayers: true, dtype: true });
    const dir = caseDir(name);
    await writeH5(path.join(dir, 'keras_model.h5'), (f) => {
      f.create_attribute('backend', 'tensorflow', null, 'S');
      f.create_attribute('keras_version', '2.4.0', null, 'S');
      f.create_attribute('model_config', JSON.stringify(cfg), null, 'A');
      f.create_group('model_weights');
      writeKeras2Weights(f.get('model_weights'), model, {
        kerasVersion: '2.4.0', topLayers: (m) => m.layers,
        weightName: (top, owner, short) => `${owner}/${short}:0`,
      });
    });
    fs.writeFileSync(path.join(dir, 'labels.txt'), TM_LABELS.map((l, i) => `${i} ${l}`).join('\n') + '\n');
    await finishH5Case(name, dir, 'keras_model.h5', 'tm-keras', model, [1, 32, 32, 3], rebuildFromKeras2, 'same model and weights as tm_tfjs_f32');
  }
}

async function finishH5Case(name, dir, file, format, model, shape, rebuild, notes) {
  const { cfg, weights, kerasVersion } = readLegacyH5(path.join(dir, file));
  const rebuilt = await rebuild(cfg);
  setWeightsPositional(rebuilt, weights);
  const { outputs, outShape } = runAll(rebuilt, shape);
  const direct = runAll(model, shape).outputs;
  const d = maxAbsDiff(outputs, direct);
  if (d !== 0) throw new Error(`${name}: rebuilt from file differs by ${d}`);
  checkOutputs(name, outputs);
  writeExpected(dir, { case: name, format, model: file, keras_version: kerasVersion, input_shape: shape, output_shape: outShape, layers: layerClasses(model), notes: notes ?? 'outputs from the model rebuilt in tfjs-layers from the file\'s own model_config and weights', outputs });
}

// ---------------------------------------------------------------- case 3c/3d: Keras 3 (.h5 legacy and .keras)
const K3_DTYPE = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const k3init = (cls, config = {}) => ({ module: 'keras.initializers', class_name: cls, config, registered_name: null });
/** Keras 3 layer configs of the k3 model (hand-written, as Keras 3.6 get_config writes them). */
function k3LayerConfig(cls, name, extra) {
  return { name, trainable: true, dtype: K3_DTYPE, ...extra };
}
const convCommon = (filters, k, s, pad, act, bias) => ({
  filters, kernel_size: [k, k], strides: [s, s], padding: pad, data_format: 'channels_last', dilation_rate: [1, 1], groups: 1,
  activation: act, use_bias: bias, kernel_initializer: k3init('GlorotUniform', { seed: null }), bias_initializer: k3init('Zeros'),
  kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
});
const bnCommon = (eps) => ({
  axis: -1, momentum: 0.99, epsilon: eps, center: true, scale: true, beta_initializer: k3init('Zeros'), gamma_initializer: k3init('Ones'),
  moving_mean_initializer: k3init('Zeros'), moving_variance_initializer: k3init('Ones'), beta_regularizer: null, gamma_regularizer: null,
  beta_constraint: null, gamma_constraint: null, synchronized: false,
});
/**
 * The Keras 3 model: Functional[ input 16x16x3 -> Conv2D(8,3,s2,same,relu) -> BN -> Sequential[DepthwiseConv2D, BN, ReLU(6)]
 *   -> Add(bn, seq) -> Conv2D 1x1 -> GlobalAveragePooling2D -> Dense(5, softmax) ].
 * Returned as the Keras 3 config (legacy-h5 flavour when legacy=true: no module/registered_name/build_config on layers).
 */
function k3Config(legacy) {
  const H = 16;
  const layer = (mod, cls, config, build, nodes) => {
    const o = legacy ? { class_name: cls, config } : { module: mod, class_name: cls, config, registered_name: null };
    if (!legacy && build) o.build_config = { input_shape: build };
    if (nodes !== undefined) { o.name = config.name; o.inbound_nodes = nodes; }
    return o;
  };
  const kt = (shape, hist) => ({ class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: hist } });
  const node = (...ts) => [{ args: ts.length === 1 ? [ts[0]] : [ts], kwargs: {} }];
  const s8 = [null, 8, 8, 8];
  const seq = {
    ...(legacy ? {} : { module: 'keras', registered_name: null }),
    class_name: 'Sequential',
    config: {
      name: 'sequential', trainable: true, dtype: K3_DTYPE,
      layers: [
        layer('keras.layers', 'InputLayer', { batch_shape: s8, dtype: 'float32', sparse: false, name: 'input_layer_1' }),
        layer('keras.layers', 'DepthwiseConv2D', k3LayerConfig('DepthwiseConv2D', 'depthwise_conv2d', {
          kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], activation: 'linear', use_bias: true,
          bias_initializer: k3init('Zeros'), bias_regularizer: null, activity_regularizer: null, bias_constraint: null, depth_multiplier: 1,
          depthwise_initializer: k3init('GlorotUniform', { seed: null }), depthwise_regularizer: null, depthwise_constraint: null,
        }), s8),
        layer('keras.layers', 'BatchNormalization', k3LayerConfig('BatchNormalization', 'batch_normalization_1', bnCommon(0.001)), s8),
        layer('keras.layers', 'ReLU', k3LayerConfig('ReLU', 're_lu', { max_value: 6.0, negative_slope: 0.0, threshold: 0.0 })),
      ],
      build_input_shape: s8,
    },
  };
  if (!legacy) seq.build_config = { input_shape: s8 };
  seq.name = 'sequential';
  seq.inbound_nodes = node(kt(s8, ['batch_normalization', 0, 0]));
  const layers = [
    layer('keras.layers', 'InputLayer', { batch_shape: [null, H, H, 3], dtype: 'float32', sparse: false, name: 'input_layer' }, null, []),
    layer('keras.layers', 'Conv2D', k3LayerConfig('Conv2D', 'conv2d', convCommon(8, 3, 2, 'same', 'relu', true)), [null, H, H, 3], node(kt([null, H, H, 3], ['input_layer', 0, 0]))),
    layer('keras.layers', 'BatchNormalization', k3LayerConfig('BatchNormalization', 'batch_normalization', bnCommon(0.001)), s8, node(kt(s8, ['conv2d', 0, 0]))),
    seq,
    layer('keras.layers', 'Add', k3LayerConfig('Add', 'add', {}), [s8, s8], node(kt(s8, ['batch_normalization', 0, 0]), kt(s8, ['sequential', 0, 0]))),
    layer('keras.layers', 'Conv2D', k3LayerConfig('Conv2D', 'conv2d_1', convCommon(6, 1, 1, 'valid', 'linear', false)), s8, node(kt(s8, ['add', 0, 0]))),
    layer('keras.layers', 'GlobalAveragePooling2D', k3LayerConfig('GlobalAveragePooling2D', 'global_average_pooling2d', { data_format: 'channels_last', keepdims: false }), [null, 8, 8, 6], node(kt([null, 8, 8, 6], ['conv2d_1', 0, 0]))),
    layer('keras.layers', 'Dense', k3LayerConfig('Dense', 'dense', {
      units: 5, activation: 'softmax', use_bias: true, kernel_initializer: k3init('GlorotUniform', { seed: null }), bias_initializer: k3init('Zeros'),
      kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null,
    }), [null, 6], node(kt([null, 6], ['global_average_pooling2d', 0, 0]))),
  ];
  const cfg = {
    class_name: 'Functional',
    config: { name: 'functional', trainable: true, layers, input_layers: [['input_layer', 0, 0]], output_layers: [['dense', 0, 0]] },
  };
  if (legacy) return cfg;
  return { module: 'keras.src.models.functional', class_name: 'Functional', config: cfg.config, registered_name: 'Functional', build_config: { input_shape: null }, compile_config: null };
}

/** Translates a Keras 3 config (either flavour) to the Keras-2 form tfjs-layers deserialises. */
function k3ToTfjs(c) {
  const dtypeOf = (d) => (d && typeof d === 'object' ? d.config.name : d);
  // Keras 3 numbers inbound nodes among the model's own nodes only; Keras 2 / tfjs count a nested model's
  // first node (the call on its own InputLayer) too, so references to such a model are shifted by one.
  let nested = new Set();
  const tensorRef = (t) => {
    const [n, node, idx] = t.config.keras_history;
    return [n, nested.has(n) ? node + 1 : node, idx, {}];
  };
  const layer = (l) => {
    if (l.class_name === 'Functional') {
      nested = new Set(l.config.layers.filter((x) => Array.isArray(x.config.layers) && x.config.layers[0]?.class_name === 'InputLayer').map((x) => x.config.name));
    }
    const cfg = { ...l.config };
    if (cfg.dtype !== undefined) cfg.dtype = dtypeOf(cfg.dtype);
    if (cfg.batch_shape) { cfg.batch_input_shape = cfg.batch_shape; delete cfg.batch_shape; }
    delete cfg.synchronized; delete cfg.groups; delete cfg.keepdims; delete cfg.build_input_shape;
    for (const k of Object.keys(cfg)) if (cfg[k] && typeof cfg[k] === 'object' && cfg[k].module === 'keras.initializers') cfg[k] = { class_name: cfg[k].class_name, config: cfg[k].config };
    let cls = l.class_name;
    if (Array.isArray(cfg.layers)) cfg.layers = cfg.layers.map(layer);
    if (cls === 'Functional') { cfg.input_layers = l.config.input_layers; cfg.output_layers = l.config.output_layers; }
    const o = { class_name: cls, config: cfg };
    if (l.name !== undefined) o.name = l.name;
    if (l.inbound_nodes !== undefined) {
      o.inbound_nodes = l.inbound_nodes.map((n) => {
        const a = n.args[0];
        return Array.isArray(a) ? a.map(tensorRef) : [tensorRef(a)];
      });
    }
    return o;
  };
  return layer(c);
}
/** Builds the tfjs model the Keras 3 config describes (same code path the checks use). */
async function k3TfjsModel(cfg) { return tfl.models.modelFromJSON({ modelTopology: k3ToTfjs(cfg) }); }

/** Keras 3 .keras naming: in each `layers` list, snake_case(class) with _1, _2 ... counters. */
// keras.src.utils.naming.to_snake_case: Conv2D -> conv2d, MaxPooling2D -> max_pooling2d, ReLU -> re_lu
function snake(cls) { return cls.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(); }
/** Walks config + tfjs model in parallel; yields {path, layerName, weights (tfjs LayerVariables in Keras order)}. */
function k3Saveables(cfgModel, tfModel, prefix, out) {
  const used = {};
  const isSeq = cfgModel.class_name === 'Sequential';
  for (const lc of cfgModel.config.layers) {
    if (isSeq && lc.class_name === 'InputLayer') continue; // Sequential.layers hides its InputLayer
    let n = snake(lc.class_name);
    if (n in used) { used[n] += 1; n = `${n}_${used[n]}`; } else used[n] = 0;
    const p = `${prefix}layers/${n}`;
    const tl = tfModel.layers.find((x) => x.name === lc.config.name);
    if (!tl) throw new Error('tfjs layer missing ' + lc.config.name);
    if (Array.isArray(lc.config.layers)) {
      out.push({ path: p, name: lc.config.name, vars: [] });
      k3Saveables(lc, tl, p + '/', out);
    } else out.push({ path: p, name: lc.config.name, vars: tl.weights });
  }
  return out;
}

async function writeKeras3Cases() {
  const shape = [1, 16, 16, 3];
  const model = await k3TfjsModel(k3Config(false));
  initWeights(model, hashSeed('keras3'));
  const direct = runAll(model, shape).outputs;
  const layers = layerClasses(model);
  // weights by Keras variable path (legacy-h5 weight_names): functional children are built outside any
  // model scope ('conv2d/kernel'); Sequential children get the Sequential's scope ('sequential/depthwise_conv2d/kernel').
  // 3c: legacy .h5
  {
    const name = 'keras3_legacy_h5';
    const dir = caseDir(name);
    const cfg = k3Config(true);
    await writeH5(path.join(dir, 'model.h5'), (f) => {
      f.create_attribute('backend', 'tensorflow', null, 'S');
      f.create_attribute('keras_version', '3.6.0', null, 'S');
      f.create_attribute('model_config', JSON.stringify(cfg), null, 'A');
      f.create_group('model_weights');
      const mw = f.get('model_weights');
      const tops = model.layers;
      strArrayAttr(mw, 'layer_names', tops.map((l) => l.name), true);
      mw.create_attribute('backend', 'tensorflow', null, 'A');
      mw.create_attribute('keras_version', '3.6.0', null, 'A');
      for (const l of [...tops].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const g = h5Group(mw, l.name);
        const names = [];
        const scope = l.layers ? `${l.name}/` : '';
        for (const w of l.weights) {
          const [owner, shortRaw] = w.originalName.split('/').slice(-2);
          const short = shortRaw.replace(/_\d+$/, '');
          const kshort = short === 'depthwise_kernel' && !l.layers ? 'kernel' : short === 'depthwise_kernel' ? 'kernel' : short;
          const n = `${scope}${owner}/${kshort}`;
          names.push(n);
          const slash = n.lastIndexOf('/');
          f32Dataset(h5Group(g, n.slice(0, slash)), n.slice(slash + 1), w.read().dataSync(), w.shape);
        }
        strArrayAttr(g, 'weight_names', names, true);
      }
      const t = h5Group(mw, 'top_level_model_weights');
      strArrayAttr(t, 'weight_names', [], true);
    });
    // check: re-read the file, translate its config, load weights positionally per top layer, run
    const { cfg: rcfg, weights, kerasVersion } = readLegacyH5(path.join(dir, 'model.h5'));
    const rebuilt = await k3TfjsModel(rcfg);
    setWeightsPositional(rebuilt, weights);
    const { outputs, outShape } = runAll(rebuilt, shape);
    if (maxAbsDiff(outputs, direct) !== 0) throw new Error(name + ': rebuilt differs');
    checkOutputs(name, outputs);
    writeExpected(dir, { case: name, format: 'keras-h5', model: 'model.h5', keras_version: kerasVersion, input_shape: shape, output_shape: outShape, layers,
      notes: 'Keras 3 config; outputs from the model rebuilt in tfjs-layers from the file\'s own config (translated to Keras-2 form) and weights; same weights as keras3_keras', outputs });
  }
  // 3d: .keras zip
  {
    const name = 'keras3_keras';
    const dir = caseDir(name);
    const cfg = k3Config(false);
    const tmp = path.join(dir, 'model.weights.h5');
    const saveables = k3Saveables(cfg, model, '', []);
    await writeH5(tmp, (f) => {
      for (const s of saveables) {
        const v = h5Group(f, s.path + '/vars');
        v.create_attribute('name', s.name, null, 'S');
        s.vars.forEach((w, i) => f32Dataset(v, String(i), w.read().dataSync(), w.shape));
      }
      const v = h5Group(f, 'vars');
      v.create_attribute('name', 'functional', null, 'S');
    });
    const wbytes = fs.readFileSync(tmp);
    fs.rmSync(tmp);
    const zip = new JSZip();
    const date = new Date(Date.UTC(2024, 9, 20, 12, 4, 8));
    zip.file('metadata.json', JSON.stringify({ keras_version: '3.6.0', date_saved: '2024-10-20@12:04:08' }), { date });
    zip.file('config.json', JSON.stringify(cfg), { date });
    zip.file('model.weights.h5', wbytes, { date });
    fs.writeFileSync(path.join(dir, 'model.keras'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }));
    // check: unzip, translate config.json, load vars by derived path, run
    const z = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'model.keras')));
    const rcfg = JSON.parse(await z.file('config.json').async('string'));
    const meta = JSON.parse(await z.file('metadata.json').async('string'));
    const wfile = path.join(OUT, '.tmp.weights.h5');
    fs.writeFileSync(wfile, await z.file('model.weights.h5').async('nodebuffer'));
    const rebuilt = await k3TfjsModel(rcfg);
    const f = new h5wasm.File(wfile, 'r');
    for (const s of k3Saveables(rcfg, rebuilt, '', [])) {
      const g = f.get(s.path + '/vars');
      if (!g) throw new Error('missing ' + s.path);
      s.vars.forEach((w, i) => { const d = g.get(String(i)); w.write(tf.tensor(d.value, d.shape)); });
      if (g.keys().length !== s.vars.length) throw new Error('var count ' + s.path);
    }
    f.close();
    fs.rmSync(wfile);
    const { outputs, outShape } = runAll(rebuilt, shape);
    if (maxAbsDiff(outputs, direct) !== 0) throw new Error(name + ': rebuilt differs');
    checkOutputs(name, outputs);
    writeExpected(dir, { case: name, format: 'keras-v3', model: 'model.keras', keras_version: meta.keras_version, input_shape: shape, output_shape: outShape, layers,
      notes: 'outputs from the model rebuilt in tfjs-layers from config.json (translated to Keras-2 form) and model.weights.h5 vars; same weights as keras3_legacy_h5', outputs });
  }
}

// ---------------------------------------------------------------- main
fs.mkdirSync(OUT, { recursive: true });
await writeTfjsCase('conv_family', convFamily(), [1, 16, 16, 3]);
await writeTfjsCase('activations', activations(), [1, 6, 6, 3], {
  gain: 2.5,
  custom_reference: ['Activation(hard_swish): x*relu6(x+3)/6', 'Activation(silu): x*sigmoid(x)', 'ReLU(max_value, negative_slope, threshold): Keras formula (tfjs ReLU has max_value only)', 'ELU(alpha): tfjs ELU rejects alpha != 1'],
  notes: 'hardSigmoid is the Keras 2 / tfjs formula clip(0.2x+0.5,0,1) (Keras 3 uses relu6(x+3)/6); gelu is the exact erf form; swish = x*sigmoid(x)',
});
await writeTfjsCase('pooling_shapes', pooling(), [1, 13, 13, 4]);
await writeTfjsCase('spatial_ops', spatialOps(), [1, 7, 6, 3], {
  custom_reference: ['UpSampling2D: tf.image.resize semantics (bilinear with half_pixel_centers, as Keras); tfjs 4.22 bilinear uses the legacy corner mapping', 'SpatialDropout2D (identity at inference; tfjs lacks it)'],
});
await writeTfjsCase('flatten_order', flattenOrder(), [1, 7, 5, 2]);
await writeTfjsCase('merges_functional', mergesFunctional(), [1, 8, 8, 3], { custom_reference: ['Subtract (tfjs 4.22 has none): inputs[0] - inputs[1]'] });
await writeTfjsCase('preprocessing', preprocessing(), [1, 20, 18, 3], {
  custom_reference: ['Resizing: tf.image.resize semantics (half_pixel_centers, crop_to_aspect_ratio false) as Keras; tfjs 4.22 uses align_corners'],
});
const tm = await writeTmTfjsCases();
await writeKeras2Cases(tm);
await writeKeras3Cases();
console.log('done:', fs.readdirSync(OUT).join(', '));
