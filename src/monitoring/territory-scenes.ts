import { sql, type RawBuilder } from 'kysely';
import type { Territory } from '../revisit/index.js';
import { indexProbes, spaceTimeProbes } from './index-probes.js';
import type { TimeWindow } from './resolve-time-window.js';
import { sceneFilterCondition, type SceneFilters } from './scene-filter-condition.js';

/**
 * A query (for a WITH clause) of the scenes of [since, at] that pass the filters and whose
 * footprints meet the territory: `collection`, `id`, `t` (the scene's time), `member`, `platform`,
 * `geometry`. The space-time index finds the candidates by the territory's box (its two halves for
 * a territory split at the antimeridian); the stored territory decides.
 */
export function territoryScenes(territory: Pick<Territory, 'id' | 'geometry'>, window: TimeWindow, filters: SceneFilters): RawBuilder<unknown> {
  return sql`
    SELECT items.collection, items.id, items.interval_end AS t, items.member, items.platform, items.geometry
    FROM items, (SELECT geometry AS g FROM territories WHERE id = ${territory.id}) territory
    WHERE ${spaceTimeProbes(indexProbes(territory.geometry), window)}
      AND ${sceneFilterCondition(filters, window)} AND _ST_Intersects(items.geometry, territory.g)`;
}
