using System.Net.Mail;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Localization;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Import;

/// <summary>
/// employees.csv: employees by NIP, created or updated, with their rater (pejabat penilai). The file is the
/// civil-service reporting line: when it has a <c>rater_nip</c> column, a blank cell means "no rater".
/// <c>external</c> = ya marks a rater from outside the instansi (the Kepala Daerah, who rates the Sekda): their
/// <c>nip</c> is an identifier such as KDH-TANGSEL, which other rows name in <c>rater_nip</c>.
/// </summary>
internal static class EmployeeImport
{
    private sealed record Line(
        int Number, string Nip, string Name, Salutation Salutation, PositionType PositionType, string PositionName, OrgUnit Unit,
        string? RaterNip, string? Email, string? AadObjectId, string? TimeZone, string? Language, decimal? CreditCoefficient,
        bool Active, bool? UnitHead, bool External, string? AddressName);

    public static async Task<ImportPlan?> PlanAsync(
        KinerjaDbContext db, IReadOnlyDictionary<string, int> columns, IEnumerable<ImportRow> rows, ImportErrors errors, int batchSize, CancellationToken ct)
    {
        var units = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var known = await db.Employees.Select(e => new { e.Nip, RaterNip = e.Rater == null ? null : e.Rater.Nip })
            .ToDictionaryAsync(e => e.Nip, e => e.RaterNip, StringComparer.Ordinal, ct);
        var hasRaterColumn = columns.ContainsKey("rater_nip");
        var lines = new Dictionary<string, Line>(StringComparer.Ordinal);
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var line = Read(row, units, errors, out var nip);
            if (nip is not null && !firstLineOf.TryAdd(nip, row.Line))
            {
                errors.Add(row.Line, "nip", "Import.Duplicate", nip, firstLineOf[nip]);
                continue;
            }

            if (line is not null)
            {
                lines[line.Nip] = line;
            }
        }

        var raterOf = new Dictionary<string, string?>(known, StringComparer.Ordinal);
        foreach (var line in lines.Values.Where(_ => hasRaterColumn))
        {
            raterOf[line.Nip] = line.RaterNip;
        }

        ImportGraph.CheckLinks(lines.Values.Select(l => (l.Number, l.Nip, l.RaterNip)), raterOf, "rater_nip", "Import.UnknownEmployee", errors);
        if (columns.ContainsKey("aad_object_id"))
        {
            await CheckIdentitiesAsync(db, lines.Values, errors, ct);
        }

        if (errors.Any)
        {
            return null;
        }

        return new ImportPlan(token => ApplyAsync(db, columns, lines.Values, batchSize, token));
    }

    /// <summary>
    /// Writes the validated file in batches of <paramref name="batchSize"/> rows inside the caller's one transaction:
    /// each batch is saved (with its audit rows and identity rebinding) and then forgotten by the change tracker, so
    /// memory holds one batch of entities, not the organisation. Only plain NIP → id values outlive a batch.
    /// </summary>
    private static async Task<ImportCounts> ApplyAsync(
        KinerjaDbContext db, IReadOnlyDictionary<string, int> columns, IReadOnlyCollection<Line> lines, int batchSize, CancellationToken ct)
    {
        var counts = new ImportCounts();
        var hasRaterColumn = columns.ContainsKey("rater_nip");
        // The units validation loaded are only read from here on (ids, time zones); heads are written at the end.
        db.ChangeTracker.Clear();
        var ids = await db.Employees.AsNoTracking().ToDictionaryAsync(e => e.Nip, e => e.Id, StringComparer.Ordinal, ct);
        if (columns.ContainsKey("aad_object_id"))
        {
            await ReleaseMovedIdentitiesAsync(db, lines, batchSize, ct);
        }

        // Raters are set in the row's own batch when already stored; those further down the file (or in the same
        // batch) get their id only once saved, so those rows are linked in a second pass.
        var unresolved = new List<Line>();
        foreach (var batch in lines.Chunk(batchSize))
        {
            var stored = await TrackedAsync(db, batch, ct);
            var written = new List<Employee>(batch.Length);
            foreach (var line in batch)
            {
                if (!stored.TryGetValue(line.Nip, out var employee))
                {
                    employee = new Employee { Nip = line.Nip, Name = line.Name, PositionName = line.PositionName };
                    db.Employees.Add(employee);
                    counts.Created++;
                }
                else
                {
                    counts.Updated++;
                }

                Apply(line, employee, columns);
                if (hasRaterColumn && line.RaterNip is null)
                {
                    employee.RaterId = null;
                }
                else if (hasRaterColumn && ids.TryGetValue(line.RaterNip!, out var raterId))
                {
                    employee.RaterId = raterId;
                }
                else if (hasRaterColumn)
                {
                    unresolved.Add(line);
                }

                written.Add(employee);
            }

            await db.SaveChangesAsync(ct);
            foreach (var employee in written)
            {
                ids[employee.Nip] = employee.Id;
            }

            db.ChangeTracker.Clear();
        }

        foreach (var batch in unresolved.Chunk(batchSize))
        {
            var stored = await TrackedAsync(db, batch, ct);
            foreach (var line in batch)
            {
                stored[line.Nip].RaterId = ids[line.RaterNip!];
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await ApplyUnitHeadsAsync(db, lines, ids, ct);
        return counts;
    }

    private static Task<Dictionary<string, Employee>> TrackedAsync(KinerjaDbContext db, IEnumerable<Line> batch, CancellationToken ct)
    {
        var nips = batch.Select(l => l.Nip).ToList();
        return db.Employees.Where(e => nips.Contains(e.Nip)).ToDictionaryAsync(e => e.Nip, StringComparer.Ordinal, ct);
    }

    /// <summary>The file's <c>unit_head</c> cells, in file order as before: ya makes the row the head, tidak removes it if it is.</summary>
    private static async Task ApplyUnitHeadsAsync(KinerjaDbContext db, IEnumerable<Line> lines, Dictionary<string, int> ids, CancellationToken ct)
    {
        var stored = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.HeadEmployeeId, ct);
        var heads = new Dictionary<int, int?>(stored);
        foreach (var line in lines)
        {
            var id = ids[line.Nip];
            if (line.UnitHead == true)
            {
                heads[line.Unit.Id] = id;
            }
            else if (line.UnitHead == false && heads[line.Unit.Id] == id)
            {
                heads[line.Unit.Id] = null;
            }
        }

        var changed = heads.Where(h => h.Value != stored[h.Key]).Select(h => h.Key).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var unit in await db.Units.Where(u => changed.Contains(u.Id)).ToListAsync(ct))
        {
            unit.HeadEmployeeId = heads[unit.Id];
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// A Teams identity belongs to one employee (the unique index says so too): a second row with the same
    /// <c>aad_object_id</c>, or one already held by a stored employee this file does not change, is refused.
    /// </summary>
    private static async Task CheckIdentitiesAsync(KinerjaDbContext db, IEnumerable<Line> lines, ImportErrors errors, CancellationToken ct)
    {
        var inFile = new Dictionary<string, Line>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.AadObjectId is not null).OrderBy(l => l.Number))
        {
            var aad = line.AadObjectId!.ToLowerInvariant();
            if (!inFile.TryAdd(aad, line))
            {
                var first = inFile[aad];
                errors.Add(line.Number, "aad_object_id", "Import.AadDuplicate", aad, line.Nip, first.Nip, first.Number);
            }
        }

        if (inFile.Count == 0)
        {
            return;
        }

        var fileNips = lines.Select(l => l.Nip).ToHashSet(StringComparer.Ordinal);
        // Every stored identity, matched here: a list of the file's ids would be one SQL parameter per row.
        var holders = db.Employees.AsNoTracking().Where(e => e.AadObjectId != null).Select(e => new { e.Nip, e.AadObjectId }).AsAsyncEnumerable();
        await foreach (var holder in holders.WithCancellation(ct))
        {
            if (fileNips.Contains(holder.Nip) || !inFile.TryGetValue(holder.AadObjectId!, out var line))
            {
                continue;
            }

            errors.Add(line.Number, "aad_object_id", "Import.AadTaken", holder.AadObjectId, line.Nip, holder.Nip);
        }
    }

    /// <summary>
    /// Identities that move between employees of this file are first cleared, so that no statement of the
    /// apply sees one identity on two rows (PostgreSQL checks the unique index row by row) whichever batch
    /// writes the new holder.
    /// </summary>
    private static async Task ReleaseMovedIdentitiesAsync(KinerjaDbContext db, IReadOnlyCollection<Line> lines, int batchSize, CancellationToken ct)
    {
        var byNip = lines.ToDictionary(l => l.Nip, l => l.AadObjectId?.ToLowerInvariant(), StringComparer.Ordinal);
        var moved = new List<int>();
        await foreach (var holder in db.Employees.AsNoTracking().Where(e => e.AadObjectId != null)
                           .Select(e => new { e.Id, e.Nip, e.AadObjectId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (byNip.TryGetValue(holder.Nip, out var aad) && aad != holder.AadObjectId)
            {
                moved.Add(holder.Id);
            }
        }

        foreach (var batch in moved.Chunk(batchSize))
        {
            foreach (var employee in await db.Employees.Where(e => batch.Contains(e.Id)).ToListAsync(ct))
            {
                employee.AadObjectId = null;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static Line? Read(ImportRow row, Dictionary<string, OrgUnit> units, ImportErrors errors, out string? nip)
    {
        // Read first: an external rater's row carries an identifier where others have a NIP.
        var external = row.Bool("external") ?? false;
        nip = row.Nip("nip", allowExternalId: external);
        var name = row.Text("name", 256, required: true);
        var salutation = row.Choice<Salutation>("salutation", required: false);
        var addressName = row.Text("address_name", 64);
        var positionType = row.Choice<PositionType>("position_type", required: true);
        var positionName = row.Text("position_name", 256, required: true);
        var unitCode = row.Text("unit_code", 64, required: true);
        var raterNip = row.Nip("rater_nip", required: false, allowExternalId: true);
        var email = row.Text("email", 256);
        var aad = row.Text("aad_object_id", 64);
        var timeZone = row.TimeZone("time_zone");
        var language = row.Text("language", 8);
        var credit = row.Decimal("credit_coefficient", required: false, positive: false);
        var active = row.Bool("active");
        var unitHead = row.Bool("unit_head");

        OrgUnit? unit = null;
        if (unitCode is not null && !units.TryGetValue(unitCode, out unit))
        {
            errors.Add(row.Line, "unit_code", "Import.UnknownUnit", unitCode);
        }

        if (raterNip is not null && raterNip == nip)
        {
            errors.Add(row.Line, "rater_nip", "Import.SelfRater");
            raterNip = null;
        }

        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            errors.Add(row.Line, "email", "Import.BadEmail", email);
        }

        if (aad is not null && !Guid.TryParse(aad, out _))
        {
            errors.Add(row.Line, "aad_object_id", "Import.BadGuid", aad);
        }

        if (language is not null && language is not (Texts.Indonesian or Texts.English))
        {
            errors.Add(row.Line, "language", "Import.BadChoice", language, "id, en");
            language = null;
        }

        // Digit 15 of a NIP is the sex code (1 male, 2 female): the formal salutation when none is given.
        salutation ??= nip is null || !ImportRow.IsNip(nip) ? null : nip[14] switch { '1' => Salutation.Bapak, '2' => Salutation.Ibu, _ => null };
        if (nip is not null && salutation is null)
        {
            errors.Add(row.Line, "salutation", "Import.Required");
        }

        return nip is null || name is null || salutation is null || positionType is null || positionName is null || unit is null
            ? null
            : new Line(row.Line, nip, name, salutation.Value, positionType.Value, positionName, unit, raterNip, email, aad, timeZone, language, credit, active ?? true, unitHead, external, addressName);
    }

    private static void Apply(Line line, Employee employee, IReadOnlyDictionary<string, int> columns)
    {
        employee.Name = line.Name;
        employee.Salutation = line.Salutation;
        employee.PositionType = line.PositionType;
        employee.PositionName = line.PositionName;
        employee.UnitId = line.Unit.Id;
        employee.IsActive = line.Active;
        employee.TimeZone = line.TimeZone ?? line.Unit.TimeZone;
        if (columns.ContainsKey("email"))
        {
            employee.Email = line.Email;
        }

        if (columns.ContainsKey("aad_object_id"))
        {
            employee.AadObjectId = line.AadObjectId?.ToLowerInvariant();
        }

        if (columns.ContainsKey("address_name"))
        {
            employee.AddressName = line.AddressName;
        }

        if (columns.ContainsKey("language"))
        {
            employee.Language = line.Language;
        }

        if (columns.ContainsKey("external"))
        {
            employee.IsExternal = line.External;
        }

        if (columns.ContainsKey("credit_coefficient"))
        {
            employee.CreditCoefficient = line.CreditCoefficient;
        }
    }
}
