// Runs the original TF.js graph models on the pure-JS CPU backend and writes reference
// outputs for TfjsGraphConverterParityTest. The inputs are not stored: the test rebuilds them
// from the same seeded patterns (keep inputs() in sync with ParityInputs.java).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const cacheRoot = process.env.RAUT_CACHE || join(homedir(), '.cache', 'raut');
const outDir = resolve(here, '../../src/test/resources/dev/raut/core/convert');

/** mulberry32: tiny 32-bit PRNG that is easy to reproduce bit-exactly in Java. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 64x64 grey face-sized image in [-1, 1]: noise, or a bright blob with mild noise. */
function emotionImage(kind, seed) {
  const next = mulberry32(seed);
  const out = new Float32Array(64 * 64);
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 64; x++) {
      const r = next();
      let v;
      if (kind === 'noise') {
        v = 2 * r - 1;
      } else {
        const dx = (x - 20 - seed * 3) / 32;
        const dy = (y - 28) / 32;
        v = Math.min(1, Math.max(-1, 0.8 - 1.5 * (dx * dx + dy * dy) + 0.2 * (r - 0.5)));
      }
      out[y * 64 + x] = v;
    }
  }
  return out;
}

/** 512x512 RGB image in 0..255: diagonal colour ramps plus noise. */
function centernetImage(seed) {
  const next = mulberry32(seed);
  const out = new Float32Array(512 * 512 * 3);
  for (let y = 0; y < 512; y++) {
    for (let x = 0; x < 512; x++) {
      for (let c = 0; c < 3; c++) {
        out[(y * 512 + x) * 3 + c] = ((x * (c + 1) + y * (3 - c)) % 256) * 0.7 + 76 * next();
      }
    }
  }
  return out;
}

/** 224x224 RGB image in 0..scale: two-frequency colour stripes plus noise (keep in sync with ParityInputs). */
function backboneImage(seed, scale) {
  const next = mulberry32(seed);
  const out = new Float32Array(224 * 224 * 3);
  for (let y = 0; y < 224; y++) {
    for (let x = 0; x < 224; x++) {
      for (let c = 0; c < 3; c++) {
        const v = ((x * (c + 2) + y * (4 - c) + seed * 17) % 256) * 0.6 + 100 * next();
        out[(y * 224 + x) * 3 + c] = Math.fround(v * scale / 255);
      }
    }
  }
  return out;
}

/** nsfwjs ships browserify bundles: load them the way nsfwjs does (require), independent of Raut's unwrapper. */
function bundleHandler(modelMinJs) {
  const require = createRequire(import.meta.url);
  return {
    load: async () => {
      const json = require(modelMinJs);
      const weightSpecs = [];
      const buffers = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) buffers.push(Buffer.from(require(join(dirname(modelMinJs), p + '.min.js')), 'base64'));
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy,
        convertedBy: json.convertedBy, signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs, weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

/** Runs a backbone on a batch and returns [N, D]: each node's spatial mean (4-D) or itself (2-D), joined. */
async function embedding(handler, inputName, input, inputShape, nodes) {
  const model = await loadGraphModel(handler);
  const x = tf.tensor(input, inputShape, 'float32');
  const results = model.execute({ [inputName]: x }, nodes);
  const parts = (Array.isArray(results) ? results : [results]).map((t) => (t.rank === 4 ? tf.mean(t, [1, 2]) : t));
  const joined = parts.length === 1 ? parts[0] : tf.concat(parts, 1);
  return { shape: joined.shape, values: Array.from(await joined.data(), (v) => Number(v.toPrecision(9))) };
}

/**
 * Texture statistics as Raut's conversionEmbeddingPool "mean+std" + conversionEmbeddingNormalize
 * "l2-each": per node [N, C] means then [N, C] population stds over H and W, that [N, 2C] block
 * divided by max(its L2 norm, 1e-12), blocks joined.
 */
async function textureEmbedding(handler, inputName, input, inputShape, nodes) {
  const model = await loadGraphModel(handler);
  const x = tf.tensor(input, inputShape, 'float32');
  const results = model.execute({ [inputName]: x }, nodes);
  const parts = (Array.isArray(results) ? results : [results]).map((t) => {
    const mean = tf.mean(t, [1, 2], true);
    const std = tf.sqrt(tf.mean(tf.square(tf.sub(t, mean)), [1, 2]));
    const block = tf.concat([tf.reshape(mean, [t.shape[0], t.shape[3]]), std], 1);
    return tf.div(block, tf.maximum(tf.norm(block, 'euclidean', 1, true), 1e-12));
  });
  const joined = tf.concat(parts, 1);
  return { shape: joined.shape, values: Array.from(await joined.data(), (v) => Number(v.toPrecision(9))) };
}

/** Declares a different input height/width, as Raut's conversionInputSize does (the graph is convolutional). */
function withInputSize(handler, height, width) {
  return {
    load: async () => {
      const artifacts = await handler.load();
      for (const node of artifacts.modelTopology.node) {
        if (node.op === 'Placeholder') {
          node.attr.shape.shape.dim = [{ size: '-1' }, { size: String(height) }, { size: String(width) }, { size: '3' }];
        }
      }
      return artifacts;
    },
  };
}

function fileHandler(jsonPath) {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
      const weightSpecs = [];
      const buffers = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) buffers.push(readFileSync(join(dirname(jsonPath), p)));
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

/** Every stride-th value of the flat tensor (9 significant digits), plus whole-tensor stats. */
function sample(data, shape, stride) {
  let sum = 0;
  let max = -Infinity;
  for (const v of data) { sum += v; if (v > max) max = v; }
  const values = [];
  for (let i = 0; i < data.length; i += stride) values.push(Number(data[i].toPrecision(9)));
  return { shape, stride, mean: sum / data.length, max, values };
}

async function run(modelJson, inputName, input, inputShape, outputs, strides) {
  const model = await loadGraphModel(fileHandler(modelJson));
  const x = tf.tensor(input, inputShape, 'float32');
  const results = model.execute({ [inputName]: x }, outputs);
  const byName = {};
  for (let i = 0; i < outputs.length; i++) {
    const t = Array.isArray(results) ? results[i] : results;
    byName[outputs[i]] = sample(await t.data(), t.shape, strides[i]);
  }
  return byName;
}

async function main() {
  await tf.setBackend('cpu');
  mkdirSync(outDir, { recursive: true });
  const versions = { 'tfjs-core': tf.version_core };

  const emotionInputs = [['noise', 1], ['blob', 2], ['blob', 3], ['blob', 4]];
  const emotionData = new Float32Array(emotionInputs.length * 4096);
  emotionInputs.forEach(([kind, seed], i) => emotionData.set(emotionImage(kind, seed), i * 4096));
  const emotion = await run(join(cacheRoot, 'models/emotion/upstream/emotion.json'), 'input_1',
    emotionData, [emotionInputs.length, 64, 64, 1], ['Identity'], [1]);
  writeFileSync(join(outDir, 'emotion-expected.json'),
    JSON.stringify({ versions, inputs: emotionInputs, outputs: emotion }, null, 1));

  const centernetSeed = 7;
  const centernet = await run(join(cacheRoot, 'models/objects/upstream/centernet.json'), 'tower_0/images',
    centernetImage(centernetSeed), [1, 512, 512, 3], ['tower_0/keypoints', 'tower_0/wh'], [211, 13]);
  writeFileSync(join(outDir, 'centernet-expected.json'),
    JSON.stringify({ versions, seed: centernetSeed, outputs: centernet }));

  // Teach backbones: two seeded photos each, embeddings as the cards define them.
  const seeds = [11, 12];
  const batch = (scale) => {
    const data = new Float32Array(seeds.length * 224 * 224 * 3);
    seeds.forEach((s, i) => data.set(backboneImage(s, scale), i * 224 * 224 * 3));
    return data;
  };
  const v3Nodes = ['tower_0/MobilenetV3/expanded_conv_14/add', 'tower_0/MobilenetV3/expanded_conv_11/add'];
  const v3 = await embedding(withInputSize(fileHandler(join(cacheRoot, 'models/embed-mobilenet-v3/upstream/centernet.json')), 224, 224),
    'tower_0/images', batch(255), [seeds.length, 224, 224, 3], v3Nodes);
  const v3TextureNodes = [5, 9, 11, 14].map((b) => `tower_0/MobilenetV3/expanded_conv_${b}/add`);
  const v3Texture = await textureEmbedding(withInputSize(fileHandler(join(cacheRoot,
    'models/embed-mobilenet-v3-texture/upstream/centernet.json')), 224, 224),
    'tower_0/images', batch(255), [seeds.length, 224, 224, 3], v3TextureNodes);
  const mid = 'StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/StatefulPartitionedCall/predict/';
  const v2Dir = join(cacheRoot, 'models/embed-mobilenet-v2/upstream/model.min.js');
  const v2 = await embedding(bundleHandler(v2Dir), 'input', batch(1), [seeds.length, 224, 224, 3],
    [mid + 'MobilenetV2/Conv_1/Relu6']);
  // The graph's own feature vector (AvgPool + Squeeze) must equal the mean of Conv_1/Relu6.
  const v2Own = await embedding(bundleHandler(v2Dir), 'input', batch(1), [seeds.length, 224, 224, 3],
    [mid + 'feature_vector/SpatialSqueeze']);
  writeFileSync(join(outDir, 'backbones-expected.json'), JSON.stringify({ versions, seeds,
    'embed-mobilenet-v3': v3, 'embed-mobilenet-v2': v2, 'embed-mobilenet-v3-texture': v3Texture, 'embed-mobilenet-v2-feature-vector': v2Own }));
}

main().catch((e) => { console.error(e); process.exit(1); });
