import { InvalidRequestError } from '../../errors.js';
import { type CrsDefinition, type GeographicDefinition, PARAMETER_DEFAULTS, PARAMETERS, PROJECTION_METHODS } from './crs-definition.js';

const DEGREE = 'ANGLEUNIT["degree",0.0174532925199433]';

/**
 * The WKT2 (ISO 19162:2019) text of a CRS definition, as `proj:wkt2` carries it and as PostGIS
 * (PROJ) reads it for ST_Transform. Axes are written easting/longitude first, so coordinates are
 * (x, y) = (east, north) whatever the CRS. A parameter the method needs that has no default and is
 * missing is refused.
 *
 * @throws InvalidRequestError `GeoTiffCrsNotSupported`
 */
export function crsWkt2(definition: CrsDefinition): string {
  const base = geographicBody(definition.geographic);
  const projection = definition.projection;
  if (projection === null) {
    return (
      `GEOGCRS[${quote(definition.name)},${base},CS[ellipsoidal,2],` +
      `AXIS["longitude",east,ORDER[1],${DEGREE}],AXIS["latitude",north,ORDER[2],${DEGREE}]` +
      `${definition.geographic.epsg === null ? '' : `,ID["EPSG",${definition.geographic.epsg}]`}]`
    );
  }
  const method = PROJECTION_METHODS[projection.method];
  const unit = `LENGTHUNIT[${quote(projection.linearUnit.name)},${projection.linearUnit.metres}]`;
  const parameters = method.parameters.map((name) => {
    const value = projection.parameters[name] ?? PARAMETER_DEFAULTS[name];
    if (value === undefined) {
      throw new InvalidRequestError('GeoTiffCrsNotSupported', `the CRS "${definition.name}" (${method.wkt}) lacks its parameter "${PARAMETERS[name].wkt}"`);
    }
    const described = PARAMETERS[name];
    const valueUnit = described.kind === 'angle' ? DEGREE : described.kind === 'length' ? unit : 'SCALEUNIT["unity",1]';
    const id = described.epsg === null ? '' : `,ID["EPSG",${described.epsg}]`;
    return `PARAMETER[${quote(described.wkt)},${value},${valueUnit}${id}]`;
  });
  const methodId = method.epsg === null ? '' : `,ID["EPSG",${method.epsg}]`;
  const baseId = definition.geographic.epsg === null ? '' : `,ID["EPSG",${definition.geographic.epsg}]`;
  return (
    `PROJCRS[${quote(definition.name)},BASEGEOGCRS[${quote(definition.geographic.name)},${base}${baseId}],` +
    `CONVERSION[${quote(definition.name)},METHOD[${quote(method.wkt)}${methodId}],${parameters.join(',')}],` +
    `CS[Cartesian,2],AXIS["easting",east,ORDER[1],${unit}],AXIS["northing",north,ORDER[2],${unit}]]`
  );
}

function geographicBody(geographic: GeographicDefinition): string {
  const { datum, ellipsoid } = geographic;
  const datumId = datum.epsg === null ? '' : `,ID["EPSG",${datum.epsg}]`;
  return (
    `DATUM[${quote(datum.name)},ELLIPSOID[${quote(ellipsoid.name)},${ellipsoid.semiMajorM},${ellipsoid.inverseFlattening},LENGTHUNIT["metre",1]]${datumId}],` +
    `PRIMEM[${geographic.primeMeridianDeg === 0 ? '"Greenwich"' : '"unnamed"'},${geographic.primeMeridianDeg},${DEGREE}]`
  );
}

/** A WKT quoted text: double quotes inside are doubled (ISO 19162 §6.3.3). */
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
