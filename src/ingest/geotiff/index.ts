/**
 * GeoTIFF and Cloud-Optimized GeoTIFF headers to STAC items: CRS from GeoKeys (EPSG code or WKT2),
 * outline densified and transformed by PostGIS, projection and raster metadata, header-only reads.
 */
export { geotiffCrs, type GeotiffCrs, type GeoKeys } from './geotiff-crs.js';
export { ingestGeotiff, type IngestGeotiffOptions, type IngestGeotiffResult } from './ingest-geotiff.js';
