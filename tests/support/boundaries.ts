/**
 * A small made-up GeoJSON of square "municipalities" on a grid around Sweden, with the property
 * name official files use (KnKod), for map tests without shipping real boundaries.
 */
export function squareBoundaries(codes: readonly string[], codeProperty = 'KnKod'): string {
  const features = codes.map((code, i) => {
    const x = 11 + (i % 10) * 0.5;
    const y = 55 + Math.floor(i / 10) * 0.5;
    return {
      type: 'Feature',
      properties: { [codeProperty]: code, KnNamn: `Kommun ${code}` },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.5, y], [x + 0.5, y + 0.5], [x, y + 0.5], [x, y]]] },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}
