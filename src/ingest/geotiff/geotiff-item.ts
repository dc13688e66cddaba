import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { InvalidRequestError } from '../../errors.js';
import { normalizeFootprint } from '../footprint/index.js';
import type { StacDocument } from '../prepare-stac.js';
import { acquisitionTime } from './acquisition-time.js';
import { fitGcpPolynomial } from './fit-gcp-polynomial.js';
import { geotiffCrs } from './geotiff-crs.js';
import { imageOutline, type PixelToCrs, type XY } from './image-outline.js';
import type { GeotiffHeader } from './read-geotiff-header.js';
import { transformToLonLat } from './transform-to-lon-lat.js';

const PROJECTION_EXTENSION = 'https://stac-extensions.github.io/projection/v2.0.0/schema.json';
const RASTER_EXTENSION = 'https://stac-extensions.github.io/raster/v2.0.0/schema.json';
const GEOTIFF_TYPE = 'image/tiff; application=geotiff';
const COG_TYPE = 'image/tiff; application=geotiff; profile=cloud-optimized';

/** Vertices per image edge, corners included: GDAL's densified bounds use as many. */
const POINTS_PER_EDGE = 21;

export interface GeotiffItemOptions {
  id: string;
  collection: string;
  /** Where the file is: the asset's href. */
  href: string;
  /** RFC 3339; required unless the file's metadata states an acquisition time. */
  datetime: string | null;
}

/** A STAC item made from a GeoTIFF header, not yet validated or stored, and notes on how it was made. */
export interface GeotiffItem {
  item: StacDocument;
  warnings: string[];
}

/**
 * Build a STAC 1.1.0 item from a GeoTIFF's header: the footprint is the image outline, densified
 * along its edges in the file's CRS, transformed to lon/lat by PostGIS and normalised like every
 * footprint (split at the antimeridian, which gives a bbox with minx > maxx); bbox, gsd (geodesic at
 * the image centre), the projection extension v2 (`proj:code`, or `proj:code` null and `proj:wkt2`
 * for a CRS without an EPSG code; `proj:shape`, `proj:transform`, `proj:bbox` in the file's CRS),
 * and one `data` asset with its media type (profile=cloud-optimized when the layout is a COG's),
 * `bands` (data type, nodata, and raster:scale/offset when GDAL metadata gives them).
 *
 * A file georeferenced only by ground control points gets a footprint from a polynomial fitted to
 * them, marked `"eopool:footprint": "gcps"`. Refusals name their reason, never a wrong footprint.
 *
 * @throws InvalidRequestError `GeoTiffNoCrs`, `GeoTiffNotOnEarth`, `GeoTiffCrsNotSupported`,
 *   `GeoTiffCrsNotTransformable`, `GeoTiffOffEarth`, `GeoTiffNoGeoreference`, `DatetimeRequired`
 */
export async function geotiffItem(db: Kysely<Database>, header: GeotiffHeader, options: GeotiffItemOptions): Promise<GeotiffItem> {
  const crs = geotiffCrs(header.geoKeys);
  const warnings: string[] = [];
  let toCrs: PixelToCrs;
  const gt = header.geoTransform;
  if (gt !== null) {
    toCrs = (col, row) => [gt[0] + col * gt[1] + row * gt[2], gt[3] + col * gt[4] + row * gt[5]];
  } else if (header.gcps !== null) {
    const fit = fitGcpPolynomial(header.gcps);
    toCrs = fit.toCrs;
    warnings.push(
      `the footprint is approximate: fitted to ${header.gcps.length} ground control points (polynomial of order ${fit.order}, ` +
        `RMS residual ${Number(fit.rmsResidual.toPrecision(3))} CRS units)`,
    );
  } else {
    throw new InvalidRequestError('GeoTiffNoGeoreference', 'the file has no georeferencing (no geotransform and no ground control points)');
  }
  const datetime = options.datetime ?? acquisitionTime(header.metadata);
  if (datetime === null) {
    throw new InvalidRequestError(
      'DatetimeRequired',
      'the file states no acquisition time (its TIFF DateTime is when it was written): give "datetime"',
    );
  }

  const native = imageOutline(toCrs, header.width, header.height, POINTS_PER_EDGE);
  const cx = header.width / 2;
  const cy = header.height / 2;
  const centre: [XY, XY, XY] = [toCrs(cx, cy), toCrs(cx + 1, cy), toCrs(cx, cy + 1)];
  const { outline, gsdM } = await transformToLonLat(db, crs, native, centre);
  // Split at the antimeridian (a MultiPolygon then) and bounded, as every stored footprint is.
  const footprint = normalizeFootprint({ type: 'Polygon', coordinates: [outline] }, { maxVertices: Number.MAX_SAFE_INTEGER });
  warnings.push(...footprint.warnings);

  const rasterFields = header.bands.some((b) => b.scale !== null || b.offset !== null);
  const properties: Record<string, unknown> = {
    datetime,
    gsd: Number(gsdM.toPrecision(4)),
    // The grid of a file georeferenced by GCPs only is in no CRS; the GCPs' CRS is not the asset's.
    'proj:code': gt === null ? null : crs.code,
    ...(crs.wkt2 === null || gt === null ? {} : { 'proj:wkt2': crs.wkt2 }),
    'proj:shape': [header.height, header.width],
    ...(gt === null ? {} : { 'proj:transform': [gt[1], gt[2], gt[0], gt[4], gt[5], gt[3]] }),
    'proj:bbox': boundsOf(native),
    ...(gt === null ? { 'eopool:footprint': 'gcps' } : {}),
  };
  const item: StacDocument = {
    type: 'Feature',
    stac_version: '1.1.0',
    stac_extensions: [PROJECTION_EXTENSION, ...(rasterFields ? [RASTER_EXTENSION] : [])],
    id: options.id,
    collection: options.collection,
    geometry: footprint.geometry,
    bbox: footprint.bbox,
    properties,
    links: [],
    assets: {
      data: {
        href: options.href,
        type: header.cloudOptimized ? COG_TYPE : GEOTIFF_TYPE,
        roles: ['data'],
        bands: header.bands.map((b) => ({
          data_type: b.dataType,
          ...(b.nodata === null ? {} : { nodata: b.nodata }),
          ...(b.scale === null ? {} : { 'raster:scale': b.scale }),
          ...(b.offset === null ? {} : { 'raster:offset': b.offset }),
        })),
      },
    },
  };
  return { item, warnings };
}

function boundsOf(ring: readonly XY[]): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
