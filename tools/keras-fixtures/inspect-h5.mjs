import h5wasm from "h5wasm/node";
await h5wasm.ready;
const f = new h5wasm.File(process.argv[2], "r");
const maxDs = +(process.argv[3]||40);
let n=0;
function attrs(o, ind) {
  for (const [k, a] of Object.entries(o.attrs)) {
    let v = a.value; let s = JSON.stringify(typeof v === 'bigint' ? v.toString() : (ArrayBuffer.isView(v)? Array.from(v) : v), (k,x)=>typeof x==='bigint'?x.toString():x);
    if (k !== 'model_config' && k!=='training_config') s = s.slice(0, 300); else s = s.slice(0,200)+'...';
    console.log(`${ind}@${k} dtype=${JSON.stringify(a.metadata)} shape=${JSON.stringify(a.shape)} = ${s}`);
  }
}
function walk(g, path, ind) {
  attrs(g, ind);
  for (const k of g.keys()) {
    const c = g.get(k);
    const p = path + "/" + k;
    if (c instanceof h5wasm.Group) { console.log(`${ind}${p}/`); walk(c, p, ind + "  "); }
    else if (c instanceof h5wasm.Dataset) { if (n++ < maxDs) { console.log(`${ind}${p} ds shape=${JSON.stringify(c.shape)} dtype=${c.dtype}`); attrs(c, ind+"  "); } }
    else console.log(`${ind}${p} ?${c}`);
  }
}
walk(f, "", "");
