-- The capacity monitor's period rows (issue 10, docs/decisions.md 95): the counts of
-- monitor_feit summed per ISO week, month, quarter and year AND over the dimensions a figure
-- does not ask for, so that a dashboard figure over a year reads a few rows per period
-- instead of one per fact. At 1,000,000 placements the day rows with five dimensions are
-- nearly one row per fact (and so are month rows with five dimensions: measured 1.7 times
-- fewer overall, 1.1 for the waiting times), so reading a year of one measure cost up to
-- 200 ms.
--
-- `dimensie` says which dimension a row keeps: '' keeps none (zorgtype, beveiligingsniveau
-- and arrondissement '', zorgaanbieder_id and zorglocatie_id 0), 'zorgtype' keeps only the
-- care type, and so on for the five. A figure without filter and with a breakdown per code
-- reads the '' rows; one filter or one breakdown by a dimension reads that dimension's rows;
-- two or more dimensions at once read the day rows as before.
--
-- Kept like monitor_feit: store/monitor.c adds to the day row and, in one more statement, to
-- its 24 period rows (4 periods x 6 dimensie), inside the event's own transaction;
-- store_monitor_rebuild recomputes both from the events alone, and a store test checks that
-- the maintained period rows equal the rebuilt ones and the day rows summed per period. Not
-- versioned: no user edits them. Only whole periods of a range are read from here; the
-- partial periods at its edges come from the day rows.
-- Number 0010: given by the lead.
CREATE TABLE monitor_feit_periode (
    maat TEXT NOT NULL,
    -- week | maand | kwartaal | jaar (core/monitor.h monitor_periode_name)
    soort TEXT NOT NULL,
    -- the dimension kept: '' (none), zorgtype, beveiligingsniveau, arrondissement,
    -- zorgaanbieder or zorglocatie
    dimensie TEXT NOT NULL,
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
    PRIMARY KEY (maat, soort, dimensie, periode, zorgtype, beveiligingsniveau, arrondissement,
                 zorgaanbieder_id, zorglocatie_id, sleutel, waarde)
);

-- A database that already has day rows gets its period rows from them (the same SELECT as
-- store_monitor_dump_perioden's check in store/monitor.c).
INSERT INTO monitor_feit_periode (maat, soort, dimensie, periode, zorgtype,
    beveiligingsniveau, arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal)
SELECT f.maat, g.soort, r.dimensie,
       CASE g.soort WHEN 'week' THEN f.week WHEN 'maand' THEN f.maand
                    WHEN 'kwartaal' THEN f.kwartaal ELSE f.jaar END,
       CASE WHEN r.dimensie = 'zorgtype' THEN f.zorgtype ELSE '' END,
       CASE WHEN r.dimensie = 'beveiligingsniveau' THEN f.beveiligingsniveau ELSE '' END,
       CASE WHEN r.dimensie = 'arrondissement' THEN f.arrondissement ELSE '' END,
       CASE WHEN r.dimensie = 'zorgaanbieder' THEN f.zorgaanbieder_id ELSE 0 END,
       CASE WHEN r.dimensie = 'zorglocatie' THEN f.zorglocatie_id ELSE 0 END,
       f.sleutel, f.waarde, SUM(f.aantal)
FROM monitor_feit f
CROSS JOIN (SELECT 'week' AS soort UNION ALL SELECT 'maand' UNION ALL SELECT 'kwartaal'
            UNION ALL SELECT 'jaar') g
CROSS JOIN (SELECT '' AS dimensie UNION ALL SELECT 'zorgtype' UNION ALL
            SELECT 'beveiligingsniveau' UNION ALL SELECT 'arrondissement' UNION ALL
            SELECT 'zorgaanbieder' UNION ALL SELECT 'zorglocatie') r
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;
