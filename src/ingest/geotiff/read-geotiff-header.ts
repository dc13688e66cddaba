import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { InvalidRequestError } from '../../errors.js';
import { parseGdalMetadata, type GdalMetadataItem } from './parse-gdal-metadata.js';
import type { GeoKeys } from './geotiff-crs.js';

/**
 * GDAL's affine geotransform `[x0, xPerCol, xPerRow, y0, yPerCol, yPerRow]`: the CRS position of
 * pixel corner (col, row) is (x0 + col·xPerCol + row·xPerRow, y0 + col·yPerCol + row·yPerRow).
 */
export type GeoTransform = [number, number, number, number, number, number];

/** A ground control point: pixel (col, row), corner-based, and its position in the file's CRS. */
export interface Gcp {
  col: number;
  row: number;
  x: number;
  y: number;
}

/** One band as STAC's `bands` describe it. */
export interface BandHeader {
  /** STAC data type: uint8 … float64, cint16 … cfloat64, or `other`. */
  dataType: string;
  /** The GDAL nodata value (one for all bands): a number, or "nan", "inf", "-inf"; null when none. */
  nodata: number | 'nan' | 'inf' | '-inf' | null;
  scale: number | null;
  offset: number | null;
}

/** What eopool reads from a GeoTIFF's header (never its pixels). */
export interface GeotiffHeader {
  width: number;
  height: number;
  geoKeys: GeoKeys | null;
  /** Null when the file has no affine georeferencing (GCPs only, or none). */
  geoTransform: GeoTransform | null;
  /** The tie points of a file georeferenced by several of them (no pixel scale, no transformation). */
  gcps: Gcp[] | null;
  /** GTRasterTypeGeoKey = PixelIsPoint: the geotransform and GCPs are already shifted to corners. */
  pixelIsPoint: boolean;
  bands: BandHeader[];
  /** Reduced-resolution images inside the file (masks not counted). */
  overviews: number;
  /** Whether the layout is a Cloud-Optimized GeoTIFF's (see `cloudOptimizedProblems`). */
  cloudOptimized: boolean;
  /** Why it is not, when it is not (GDAL's validate_cloud_optimized_geotiff.py rules). */
  cloudOptimizedProblems: string[];
  /** The GDAL_METADATA items (dataset and per band). */
  metadata: GdalMetadataItem[];
}

const SUBFILE_REDUCED = 1;
const SUBFILE_MASK = 4;

/**
 * Read a GeoTIFF's header through geotiff.js: the main image's size, georeferencing (affine, with
 * GDAL's half-pixel shift for PixelIsPoint, or ground control points), GeoKeys, bands, overviews,
 * GDAL metadata, and the checks of GDAL's COG validator that need no pixel data. Only IFDs and the
 * first entry of each image's block offsets are read; deferred tag arrays stay unread.
 *
 * @throws InvalidRequestError `GeoTiffUnreadable` for a TIFF geotiff.js cannot parse
 */
export async function readGeotiffHeader(tiff: GeoTIFF): Promise<GeotiffHeader> {
  const count = await tiff.getImageCount();
  const images: GeoTIFFImage[] = [];
  for (let i = 0; i < count; i++) images.push(await tiff.getImage(i));
  const main = images[0];
  if (main === undefined) throw new InvalidRequestError('GeoTiffUnreadable', 'the TIFF has no image');
  const fd = main.getFileDirectory();
  // GeoKeys refer to these two tags; load them in case they were deferred.
  await fd.loadValue('GeoAsciiParams');
  await fd.loadValue('GeoDoubleParams');
  const geoKeys = main.getGeoKeys() as GeoKeys | null;
  const pixelIsPoint = geoKeys?.GTRasterTypeGeoKey === 2;
  const transformation = (await fd.loadValue('ModelTransformation')) as number[] | undefined;
  const tiepoints = (await fd.loadValue('ModelTiepoint')) as number[] | undefined;
  const scale = (await fd.loadValue('ModelPixelScale')) as number[] | undefined;

  let geoTransform: GeoTransform | null = null;
  let gcps: Gcp[] | null = null;
  if (transformation !== undefined && transformation.length >= 16) {
    const m = Array.from(transformation);
    geoTransform = [m[3]!, m[0]!, m[1]!, m[7]!, m[4]!, m[5]!];
  } else if (tiepoints !== undefined && tiepoints.length >= 6 && scale !== undefined && scale.length >= 2) {
    const [col, row, , x, y] = Array.from(tiepoints) as number[];
    const [sx, sy] = Array.from(scale) as number[];
    geoTransform = [x! - col! * sx!, sx!, 0, y! + row! * sy!, 0, -sy!];
  } else if (tiepoints !== undefined && tiepoints.length >= 18) {
    const t = Array.from(tiepoints) as number[];
    gcps = [];
    for (let i = 0; i + 5 < t.length; i += 6) gcps.push({ col: t[i]!, row: t[i + 1]!, x: t[i + 3]!, y: t[i + 4]! });
  }
  if (pixelIsPoint) {
    // GDAL's default (GTIFF_POINT_GEO_IGNORE=FALSE): a PixelIsPoint tie point is a pixel centre,
    // so the corner-based transform starts half a pixel up and left of it.
    if (geoTransform !== null) {
      const [x0, a, b, y0, d, e] = geoTransform;
      geoTransform = [x0 - 0.5 * (a + b), a, b, y0 - 0.5 * (d + e), d, e];
    }
    gcps = gcps?.map((g) => ({ ...g, col: g.col + 0.5, row: g.row + 0.5 })) ?? null;
  }

  const metadata = parseGdalMetadata(((await fd.loadValue('GDAL_METADATA')) as string | undefined) ?? null);
  const bands = await bandHeaders(main, metadata);
  const subfileTypes = images.map((image) => Number(image.getFileDirectory().getValue('NewSubfileType') ?? 0));
  const overviews = subfileTypes.filter((t, i) => i > 0 && (t & SUBFILE_REDUCED) !== 0 && (t & SUBFILE_MASK) === 0).length;
  const cloudOptimizedProblems = await cloudOptimizedLayoutProblems(tiff, images, subfileTypes);
  return {
    width: main.getWidth(),
    height: main.getHeight(),
    geoKeys,
    geoTransform,
    gcps,
    pixelIsPoint,
    bands,
    overviews,
    cloudOptimized: cloudOptimizedProblems.length === 0,
    cloudOptimizedProblems,
    metadata,
  };
}

async function bandHeaders(image: GeoTIFFImage, metadata: GdalMetadataItem[]): Promise<BandHeader[]> {
  const nodataText = ((await image.getFileDirectory().loadValue('GDAL_NODATA')) as string | undefined)?.replace(/\0/g, '').trim();
  const nodata = parseNodata(nodataText);
  const bands: BandHeader[] = [];
  for (let i = 0; i < image.getSamplesPerPixel(); i++) {
    const item = (name: string) => {
      const value = Number(metadata.find((m) => m.sample === i && m.name.toUpperCase() === name)?.value);
      return Number.isFinite(value) ? value : null;
    };
    bands.push({ dataType: dataType(image.getSampleFormat(i), image.getBitsPerSample(i)), nodata, scale: item('SCALE'), offset: item('OFFSET') });
  }
  return bands;
}

/** STAC `data_type` from TIFF SampleFormat (1 unsigned, 2 signed, 3 float, 5 complex int, 6 complex float) and bits. */
function dataType(sampleFormat: number, bits: number): string {
  const prefix = { 1: 'uint', 2: 'int', 3: 'float', 5: 'cint', 6: 'cfloat' }[sampleFormat] ?? 'uint';
  const name = `${prefix}${bits}`;
  return ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64', 'cint16', 'cint32', 'cfloat32', 'cfloat64'].includes(name)
    ? name
    : 'other';
}

function parseNodata(text: string | undefined): BandHeader['nodata'] {
  if (text === undefined || text === '') return null;
  const lower = text.toLowerCase();
  if (lower === 'nan' || lower === '-nan') return 'nan';
  if (lower === 'inf' || lower === '+inf') return 'inf';
  if (lower === '-inf') return '-inf';
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * The rules of GDAL's `validate_cloud_optimized_geotiff.py` that the header can check: the first IFD
 * right after the file header; no untiled image wider than 1024 px above 512 px; IFDs in order; each
 * image's data after its IFD; overview data before the data of the larger images.
 */
async function cloudOptimizedLayoutProblems(tiff: GeoTIFF, images: GeoTIFFImage[], subfileTypes: number[]): Promise<string[]> {
  const problems: string[] = [];
  const expectedFirst = await firstIfdExpectedAt(tiff);
  if (tiff.firstIFDOffset !== expectedFirst) {
    problems.push(`the offset of the main IFD should be ${expectedFirst}; it is ${tiff.firstIFDOffset}`);
  }
  const ifdOffsets = [tiff.firstIFDOffset, ...images.slice(0, -1).map((image) => image.getFileDirectory().nextIFDByteOffset)];
  const main = images[0]!;
  const untiled = (image: GeoTIFFImage) => {
    const blockWidth = image.isTiled ? image.getTileWidth() : image.getWidth();
    return blockWidth === image.getWidth() && blockWidth > 1024;
  };
  if ((main.getWidth() > 512 || main.getHeight() > 512) && untiled(main)) problems.push('the main image is larger than 512 px but not tiled');
  const dataOffsets: number[] = [];
  for (const [i, image] of images.entries()) {
    const fd = image.getFileDirectory();
    const first = Number((await fd.loadValueIndexed(image.isTiled ? 'TileOffsets' : 'StripOffsets', 0)) ?? 0);
    dataOffsets.push(first);
    if (first !== 0 && first < ifdOffsets[i]!) problems.push(`the data of image ${i} starts before its IFD`);
    if (i > 0 && ifdOffsets[i]! < ifdOffsets[i - 1]!) problems.push(`the IFD of image ${i} comes before the one of image ${i - 1}`);
    if (i > 0 && (subfileTypes[i]! & SUBFILE_MASK) === 0 && (image.getWidth() > 512 || image.getHeight() > 512) && untiled(image)) {
      problems.push(`overview ${i} is larger than 512 px but not tiled`);
    }
  }
  const imageIndexes = images.map((_, i) => i).filter((i) => (subfileTypes[i]! & SUBFILE_MASK) === 0);
  for (let k = 1; k < imageIndexes.length; k++) {
    const larger = dataOffsets[imageIndexes[k - 1]!]!;
    const smaller = dataOffsets[imageIndexes[k]!]!;
    if (smaller !== 0 && larger !== 0 && smaller > larger) {
      problems.push(`the data of overview ${imageIndexes[k]} should come before the data of image ${imageIndexes[k - 1]}`);
    }
  }
  return problems;
}

/**
 * Where a COG's first IFD belongs: right after the TIFF header, or after the "ghost" structural
 * metadata block GDAL writes there (`GDAL_STRUCTURAL_METADATA_SIZE=nnnnnn bytes\n…`), on an even offset.
 */
async function firstIfdExpectedAt(tiff: GeoTIFF): Promise<number> {
  const header = tiff.bigTiff ? 16 : 8;
  const pattern = 'GDAL_STRUCTURAL_METADATA_SIZE=000000 bytes\n';
  const [slice] = await tiff.source.fetch([{ offset: header, length: pattern.length }]);
  const text = slice === undefined ? '' : Buffer.from(slice).toString('latin1');
  const size = /^GDAL_STRUCTURAL_METADATA_SIZE=(\d{6}) bytes\n/.exec(text)?.[1];
  if (size === undefined) return header;
  const end = header + pattern.length + Number(size);
  return end + (end % 2);
}
