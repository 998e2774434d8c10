-- The capacity monitor's period rows (issue 10, docs/decisions.md 95): the counts of
-- monitor_feit summed per ISO week, month, quarter and year, so that a dashboard figure over a
-- year reads one row per period and dimension instead of one per day. At 1,000,000
-- placements the day rows are nearly one row per fact, so reading a year of them cost up to
-- 200 ms; the month rows hold a few facts each.
--
-- Kept like monitor_feit: store/monitor.c adds to the day row and to its four period rows in
-- the same upsert sequence, inside the event's own transaction; store_monitor_rebuild
-- recomputes both from the events alone, and a store test checks that the maintained period
-- rows equal the rebuilt ones and the day rows summed per period. Not versioned: no user
-- edits them. Only whole periods of a range are read from here; the partial periods at its
-- edges are read from the day rows.
-- Number 0010: given by the lead.
CREATE TABLE monitor_feit_periode (
    maat TEXT NOT NULL,
    -- week | maand | kwartaal | jaar (core/monitor.h monitor_periode_name)
    soort TEXT NOT NULL,
    -- the period's label ("2026-W05", "2026-03", "2026-K1", "2026"): sorts in time order
    -- within one soort
    periode TEXT NOT NULL,
    zorgtype TEXT NOT NULL,
    beveiligingsniveau TEXT NOT NULL,
    arrondissement TEXT NOT NULL,
    zorgaanbieder_id BIGINT NOT NULL,
    zorglocatie_id BIGINT NOT NULL,
    sleutel TEXT NOT NULL,
    waarde INTEGER NOT NULL,
    aantal BIGINT NOT NULL,
    PRIMARY KEY (maat, soort, periode, zorgtype, beveiligingsniveau, arrondissement,
                 zorgaanbieder_id, zorglocatie_id, sleutel, waarde)
);

-- A database that already has day rows gets its period rows from them.
INSERT INTO monitor_feit_periode (maat, soort, periode, zorgtype, beveiligingsniveau,
    arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal)
SELECT maat, soort, periode, zorgtype, beveiligingsniveau, arrondissement, zorgaanbieder_id,
       zorglocatie_id, sleutel, waarde, SUM(aantal)
FROM (SELECT maat, 'week' AS soort, week AS periode, zorgtype, beveiligingsniveau,
             arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal
      FROM monitor_feit
      UNION ALL
      SELECT maat, 'maand', maand, zorgtype, beveiligingsniveau, arrondissement,
             zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal
      FROM monitor_feit
      UNION ALL
      SELECT maat, 'kwartaal', kwartaal, zorgtype, beveiligingsniveau, arrondissement,
             zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal
      FROM monitor_feit
      UNION ALL
      SELECT maat, 'jaar', jaar, zorgtype, beveiligingsniveau, arrondissement,
             zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal
      FROM monitor_feit) f
GROUP BY maat, soort, periode, zorgtype, beveiligingsniveau, arrondissement, zorgaanbieder_id,
         zorglocatie_id, sleutel, waarde;
