// Runs face-api's own networks (its TypeScript graphs, tfjs CPU backend) on seeded inputs and
// writes reference outputs for FaceApiConverterParityTest. Weights come from the installed
// @vladmandic/face-api package, byte-identical to the files Raut's model cards pin.
// The inputs are not stored: the test rebuilds them (keep faceImage in sync with ParityInputs.java).
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const here = dirname(fileURLToPath(import.meta.url));
const modelDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
const outDir = resolve(here, '../../src/test/resources/dev/raut/core/convert');

/** mulberry32, as in tools/tfjs-fixtures. */
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

/** side x side RGB in 0..255 (NHWC): a bright oval "face" on colour ramps, plus noise. */
function faceImage(seed, side) {
  const next = mulberry32(seed);
  const out = new Float32Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const dx = (x - side * (0.4 + 0.05 * seed)) / side;
      const dy = (y - side * 0.5) / side;
      const oval = Math.max(0, 1 - 5 * (dx * dx + 0.6 * dy * dy));
      for (let c = 0; c < 3; c++) {
        const v = ((x * (c + 1) + y * (3 - c) + seed * 29) % 256) * 0.35 + 150 * oval + 60 * next();
        out[(y * side + x) * 3 + c] = Math.fround(Math.min(255, v));
      }
    }
  }
  return out;
}

const round = (data) => Array.from(data, (v) => Number(v.toPrecision(9)));

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  mkdirSync(outDir, { recursive: true });
  const seeds = [1, 2, 3];
  const batch = (side) => seeds.map((s) => tf.tensor3d(faceImage(s, side), [side, side, 3], 'float32'));

  const nets = faceapi.nets;
  await nets.faceExpressionNet.loadFromDisk(modelDir);
  await nets.ageGenderNet.loadFromDisk(modelDir);
  await nets.faceLandmark68Net.loadFromDisk(modelDir);
  await nets.faceLandmark68TinyNet.loadFromDisk(modelDir);
  await nets.faceRecognitionNet.loadFromDisk(modelDir);

  const outputs = {};
  const input112 = await faceapi.toNetInput(batch(112));
  outputs['face-expression'] = { expressions: round(await nets.faceExpressionNet.forwardInput(input112).data()) };
  const ageGender = nets.ageGenderNet.forwardInput(await faceapi.toNetInput(batch(112)));
  outputs['age-gender'] = { age: round(await ageGender.age.data()), gender: round(await ageGender.gender.data()) };
  outputs['face-landmark-68'] = { landmarks: round(await nets.faceLandmark68Net.runNet(await faceapi.toNetInput(batch(112))).data()) };
  outputs['face-landmark-68-tiny'] = { landmarks: round(await nets.faceLandmark68TinyNet.runNet(await faceapi.toNetInput(batch(112))).data()) };
  outputs['face-recognition'] = { descriptor: round(await nets.faceRecognitionNet.forwardInput(await faceapi.toNetInput(batch(150))).data()) };

  writeFileSync(join(outDir, 'face-api-expected.json'), JSON.stringify({
    versions: { 'face-api': faceapi.version, tfjs: tf.version_core, backend: tf.getBackend() }, seeds, outputs,
  }));
}

main().catch((e) => { console.error(e); process.exit(1); });
