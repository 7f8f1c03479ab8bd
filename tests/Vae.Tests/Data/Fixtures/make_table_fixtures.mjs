// Writes the Parquet and Arrow IPC fixtures of TableReaderTests ONCE, with reference writers that
// share no code with the readers under test: Apache Arrow's JavaScript library (apache-arrow 21.2.0:
// the Arrow IPC file and stream formats) and parquet-wasm 0.8.0 (Apache Arrow's Rust `parquet`
// crate compiled to WebAssembly). Debian 12 packages no Python Parquet writer (no python3-pyarrow,
// no python3-fastparquet), so these come from the npm registry:
//
//   mkdir /tmp/fx && cd /tmp/fx && npm install apache-arrow@21.2.0 parquet-wasm@0.8.0
//   NODE_PATH=/tmp/fx/node_modules node make_table_fixtures.mjs   (run in this folder)
//
// Beside each data file, <name>.expected.csv holds the values written (header: column names), so
// the tests compare against what the writer was given, not against another read.
import { createRequire } from 'module';
import { writeFileSync } from 'fs';
const require = createRequire(process.env.NODE_PATH + '/');
const arrow = require('apache-arrow');
const pq = require('parquet-wasm/node');

const n = 12;
const pick = (xs) => Array.from({ length: n }, (_, i) => xs[i % xs.length]);
const ints = {
  i8: [-128, 127, 0, 1, -1, 42], i16: [-32768, 32767, 0, 7, -300, 1000],
  i32: [-2147483648, 2147483647, 0, 5, -70000, 123456], u8: [0, 255, 1, 128, 200, 17],
  u16: [0, 65535, 1, 300, 40000, 9], u32: [0, 4294967295, 1, 3000000000, 65536, 11],
};
const big = {
  i64: [-9223372036854775808n, 9223372036854775807n, 0n, 16777217n, -5n, 1099511627776n],
  u64: [0n, 18446744073709551615n, 1n, 9007199254740993n, 12n, 4294967296n],
};
const f32 = [0.5, -1.25, 3.4028234663852886e38, 1.401298464324817e-45, 0.1, -7];
const f64 = [0.1, -2.5e-300, 1e30, 123456.789, -0.0, 6.02214076e23];
const bools = [true, false, false, true, true, false];
const species = ['setosa', 'versicolor', 'virginica', 'setosa', 'virginica', 'setosa'];

const vec = (type, values) => arrow.vectorFromArray(values, type);
const columns = {
  i8: vec(new arrow.Int8(), pick(ints.i8)), i16: vec(new arrow.Int16(), pick(ints.i16)), i32: vec(new arrow.Int32(), pick(ints.i32)),
  i64: vec(new arrow.Int64(), pick(big.i64)), u8: vec(new arrow.Uint8(), pick(ints.u8)), u16: vec(new arrow.Uint16(), pick(ints.u16)),
  u32: vec(new arrow.Uint32(), pick(ints.u32)), u64: vec(new arrow.Uint64(), pick(big.u64)),
  f32: vec(new arrow.Float32(), pick(f32)), f64: vec(new arrow.Float64(), pick(f64)), flag: vec(new arrow.Bool(), pick(bools)),
  species: vec(new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()), pick(species)),
};
const table = new arrow.Table(columns);

function expected(name, cols) {
  const names = Object.keys(cols);
  const lines = [names.join(',')];
  for (let r = 0; r < n; r++) lines.push(names.map(k => {
    const v = cols[k][r];
    return typeof v === 'boolean' ? (v ? '1' : '0') : Object.is(v, -0) ? '-0' : String(v);
  }).join(','));
  writeFileSync(name + '.expected.csv', lines.join('\n') + '\n');
}
const plain = {};
for (const k of Object.keys(ints)) plain[k] = pick(ints[k]);
for (const k of Object.keys(big)) plain[k] = pick(big[k]);
Object.assign(plain, { f32: pick(f32), f64: pick(f64), flag: pick(bools), species: pick(species) });
expected('types', plain);

function parquet(file, t, compression, rowGroup) {
  const props = new pq.WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(rowGroup).build();
  writeFileSync(file, pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(t, 'stream')), props));
}
// The same table in every codec the reader supports, in row groups of 5 rows (3 row groups).
parquet('types-snappy.parquet', table, pq.Compression.SNAPPY, 5);
parquet('types-gzip.parquet', table, pq.Compression.GZIP, 5);
parquet('types-zstd.parquet', table, pq.Compression.ZSTD, 5);
parquet('types-none.parquet', table, pq.Compression.UNCOMPRESSED, 1024);
// Arrow IPC: the file format (Feather v2) and the stream format.
writeFileSync('types.arrow', arrow.tableToIPC(table, 'file'));
writeFileSync('types-stream.arrows', arrow.tableToIPC(table, 'stream'));

// A null in a feature column (row 3), and a text column that is not the label.
const withNull = new arrow.Table({ a: vec(new arrow.Float64(), [1, 2, 3, null, 5, 6]), b: vec(new arrow.Int32(), [1, 2, 3, 4, 5, 6]) });
parquet('nulls.parquet', withNull, pq.Compression.SNAPPY, 1024);
writeFileSync('nulls.arrow', arrow.tableToIPC(withNull, 'file'));
const text = new arrow.Table({ a: vec(new arrow.Float64(), [1, 2, 3, 4, 5, 6]), city: vec(new arrow.Utf8(), ['x', 'y', 'z', 'x', 'y', 'z']) });
parquet('text-feature.parquet', text, pq.Compression.SNAPPY, 1024);
console.log('wrote the table fixtures');
