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
}

main().catch((e) => { console.error(e); process.exit(1); });
