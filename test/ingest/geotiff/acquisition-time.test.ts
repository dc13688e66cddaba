import t from 'tap';
import { acquisitionTime } from '../../../src/ingest/geotiff/acquisition-time.js';
import { parseGdalMetadata } from '../../../src/ingest/geotiff/parse-gdal-metadata.js';

t.test('GDAL_METADATA items: dataset and band, attributes and entities', async (t) => {
  const items = parseGdalMetadata(
    '<GDALMetadata>\n  <Item name="OFFSET" sample="0" role="offset">1000</Item>\n  <Item name="NOTE">a &amp; b &#x41;</Item>\n  <Item name="EMPTY"/>\n</GDALMetadata>\n\0',
  );
  t.same(items, [
    { name: 'OFFSET', sample: 0, role: 'offset', domain: null, value: '1000' },
    { name: 'NOTE', sample: null, role: null, domain: null, value: 'a & b A' },
    { name: 'EMPTY', sample: null, role: null, domain: null, value: '' },
  ]);
  t.same(parseGdalMetadata(null), []);
});

t.test('the acquisition time stated in dataset metadata, normalised to UTC', async (t) => {
  const item = (name: string, value: string, sample: number | null = null) => ({ name, sample, role: null, domain: null, value });
  t.equal(acquisitionTime([item('ACQUISITIONDATETIME', '2019-05-01T10:20:30.5Z')]), '2019-05-01T10:20:30.500Z');
  t.equal(acquisitionTime([item('SENSING_TIME', '2019-05-01T12:00:00+02:00')]), '2019-05-01T10:00:00.000Z');
  t.equal(acquisitionTime([item('DATE_ACQUIRED', '2020-01-02'), item('SCENE_CENTER_TIME', '"05:06:07.1234560Z"')]), '2020-01-02T05:06:07.123Z', 'Landsat MTL');
  t.equal(acquisitionTime([item('TIFFTAG_DATETIME', '2020:01:02 03:04:05')]), null, "the file's writing time is not an acquisition");
  t.equal(acquisitionTime([item('ACQUISITION_DATETIME', '2020-01-02')]), null, 'a date alone is not an instant');
  t.equal(acquisitionTime([item('ACQUISITION_DATETIME', '2020-01-02T03:04:05Z', 0)]), null, 'band items do not count');
});
