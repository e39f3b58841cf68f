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

    /// <summary>What validation keeps of one row: enough to check links and identities across the whole file.</summary>
    private readonly record struct Planned(int Number, bool Valid, string? RaterNip);

    /// <summary>
    /// Validates <paramref name="rows"/> keeping only a few values per NIP; the plan reads the file again through
    /// <paramref name="reread"/> to write it, so neither pass holds the file's rows.
    /// </summary>
    public static async Task<ImportPlan?> PlanAsync(
        KinerjaDbContext db, IReadOnlyDictionary<string, int> columns, IEnumerable<ImportRow> rows, ImportErrors errors, int batchSize,
        Func<IEnumerable<ImportRow>> reread, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        // One instance per NIP, however often it is named (as a row, as a rater, in the database).
        var nipPool = new HashSet<string>(StringComparer.Ordinal);
        string Pooled(string nip)
        {
            if (nipPool.TryGetValue(nip, out var same))
            {
                return same;
            }

            nipPool.Add(nip);
            return nip;
        }

        var raterOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var known in db.Employees.AsNoTracking().Select(e => new { e.Nip, RaterNip = e.Rater == null ? null : e.Rater.Nip })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            raterOf[Pooled(known.Nip)] = known.RaterNip is null ? null : Pooled(known.RaterNip);
        }

        var hasRaterColumn = columns.ContainsKey("rater_nip");
        var hasAadColumn = columns.ContainsKey("aad_object_id");
        var planned = new Dictionary<string, Planned>(StringComparer.Ordinal);
        var identities = new Dictionary<Guid, (int Number, string Nip)>();
        var sharedIdentities = new List<(int Number, string Aad, string Nip, string FirstNip, int FirstNumber)>();
        foreach (var row in rows)
        {
            var line = Read(row, units, errors, out var nip);
            if (nip is not null && planned.TryGetValue(nip, out var first))
            {
                errors.Add(row.Line, "nip", "Import.Duplicate", nip, first.Number);
                continue;
            }

            if (nip is null)
            {
                continue;
            }

            nip = Pooled(nip);
            var raterNip = line?.RaterNip is null ? null : Pooled(line.RaterNip);
            Guid? aad = line?.AadObjectId is null ? null : Guid.Parse(line.AadObjectId);
            planned[nip] = new Planned(row.Line, line is not null, raterNip);
            if (line is not null && hasRaterColumn)
            {
                raterOf[nip] = raterNip;
            }

            if (line is not null && hasAadColumn && aad is { } id && !identities.TryAdd(id, (row.Line, nip)))
            {
                var holder = identities[id];
                sharedIdentities.Add((row.Line, line.AadObjectId!.ToLowerInvariant(), nip, holder.Nip, holder.Number));
            }
        }

        var valid = planned.Where(p => p.Value.Valid);
        ImportGraph.CheckLinks(valid.Select(p => (p.Value.Number, p.Key, p.Value.RaterNip)), raterOf, "rater_nip", "Import.UnknownEmployee", errors);
        if (hasAadColumn)
        {
            foreach (var (number, aad, nip, firstNip, firstNumber) in sharedIdentities)
            {
                errors.Add(number, "aad_object_id", "Import.AadDuplicate", aad, nip, firstNip, firstNumber);
            }

            await CheckStoredIdentitiesAsync(db, planned, identities, errors, ct);
        }

        if (errors.Any)
        {
            return null;
        }

        return new ImportPlan(token => ApplyAsync(db, columns, planned, identities, Lines(reread(), units), Pooled, batchSize, token));
    }

    /// <summary>The validated file read again; it is the same spooled file, so a row failing now is a bug, not a user's mistake.</summary>
    private static IEnumerable<Line> Lines(IEnumerable<ImportRow> rows, Dictionary<string, OrgUnit> units)
    {
        var errors = new ImportErrors(Texts.For(Texts.English));
        foreach (var row in rows)
        {
            yield return Read(row, units, errors, out _)
                ?? throw new InvalidOperationException($"Line {row.Line} of the import changed between validation and writing.");
        }
    }

    /// <summary>
    /// Writes the validated file in batches of <paramref name="batchSize"/> rows inside the caller's one transaction:
    /// each batch is saved (with its audit rows and identity rebinding) and then forgotten by the change tracker, so
    /// memory holds one batch of entities, not the organisation. Only plain NIP → id values outlive a batch.
    /// </summary>
    private static async Task<ImportCounts> ApplyAsync(
        KinerjaDbContext db, IReadOnlyDictionary<string, int> columns, Dictionary<string, Planned> planned,
        Dictionary<Guid, (int Number, string Nip)> identities, IEnumerable<Line> lines, Func<string, string> pooled, int batchSize, CancellationToken ct)
    {
        var counts = new ImportCounts();
        var hasRaterColumn = columns.ContainsKey("rater_nip");
        db.ChangeTracker.Clear();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var stored in db.Employees.AsNoTracking().Select(e => new { e.Nip, e.Id }).AsAsyncEnumerable().WithCancellation(ct))
        {
            ids[pooled(stored.Nip)] = stored.Id;
        }

        if (columns.ContainsKey("aad_object_id"))
        {
            await ReleaseMovedIdentitiesAsync(db, planned, identities, batchSize, ct);
        }

        var storedHeads = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.HeadEmployeeId, ct);
        var heads = new Dictionary<int, int?>(storedHeads);
        // Raters are set in the row's own batch when already stored; those further down the file (or in the same
        // batch) get their id only once saved, so those rows are linked in a second pass.
        var unresolved = new List<(string Nip, string RaterNip)>();
        foreach (var batch in lines.Chunk(batchSize))
        {
            var stored = await TrackedAsync(db, batch.Select(l => l.Nip), ct);
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
                    unresolved.Add((pooled(line.Nip), pooled(line.RaterNip!)));
                }

                written.Add(employee);
            }

            await db.SaveChangesAsync(ct);
            for (var i = 0; i < batch.Length; i++)
            {
                var id = ids[pooled(batch[i].Nip)] = written[i].Id;
                // The file's unit_head cells in file order, as one pass would: ya makes the row the head, tidak removes it if it is.
                if (batch[i].UnitHead == true)
                {
                    heads[batch[i].Unit.Id] = id;
                }
                else if (batch[i].UnitHead == false && heads[batch[i].Unit.Id] == id)
                {
                    heads[batch[i].Unit.Id] = null;
                }
            }

            db.ChangeTracker.Clear();
        }

        foreach (var batch in unresolved.Chunk(batchSize))
        {
            var stored = await TrackedAsync(db, batch.Select(l => l.Nip), ct);
            foreach (var (nip, raterNip) in batch)
            {
                stored[nip].RaterId = ids[raterNip];
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var changedHeads = heads.Where(h => h.Value != storedHeads[h.Key]).Select(h => h.Key).ToList();
        if (changedHeads.Count > 0)
        {
            foreach (var unit in await db.Units.Where(u => changedHeads.Contains(u.Id)).ToListAsync(ct))
            {
                unit.HeadEmployeeId = heads[unit.Id];
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return counts;
    }

    private static Task<Dictionary<string, Employee>> TrackedAsync(KinerjaDbContext db, IEnumerable<string> batch, CancellationToken ct)
    {
        var nips = batch.ToList();
        return db.Employees.Where(e => nips.Contains(e.Nip)).ToDictionaryAsync(e => e.Nip, StringComparer.Ordinal, ct);
    }

    /// <summary>
    /// A Teams identity belongs to one employee (the unique index says so too): a second row with the same
    /// <c>aad_object_id</c> is refused while reading; here, one already held by a stored employee this file does not change.
    /// </summary>
    private static async Task CheckStoredIdentitiesAsync(
        KinerjaDbContext db, Dictionary<string, Planned> planned, Dictionary<Guid, (int Number, string Nip)> identities, ImportErrors errors, CancellationToken ct)
    {
        if (identities.Count == 0)
        {
            return;
        }

        // Every stored identity, matched here: a list of the file's ids would be one SQL parameter per row.
        var holders = db.Employees.AsNoTracking().Where(e => e.AadObjectId != null).Select(e => new { e.Nip, e.AadObjectId }).AsAsyncEnumerable();
        await foreach (var holder in holders.WithCancellation(ct))
        {
            if (planned.ContainsKey(holder.Nip) || !Guid.TryParse(holder.AadObjectId, out var id) || !identities.TryGetValue(id, out var row))
            {
                continue;
            }

            errors.Add(row.Number, "aad_object_id", "Import.AadTaken", holder.AadObjectId, row.Nip, holder.Nip);
        }
    }

    /// <summary>
    /// Identities that move between employees of this file are first cleared, so that no statement of the
    /// apply sees one identity on two rows (PostgreSQL checks the unique index row by row) whichever batch
    /// writes the new holder.
    /// </summary>
    private static async Task ReleaseMovedIdentitiesAsync(
        KinerjaDbContext db, Dictionary<string, Planned> planned, Dictionary<Guid, (int Number, string Nip)> identities, int batchSize, CancellationToken ct)
    {
        var moved = new List<int>();
        await foreach (var holder in db.Employees.AsNoTracking().Where(e => e.AadObjectId != null)
                           .Select(e => new { e.Id, e.Nip, e.AadObjectId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            // The file names each identity once: unless it gives this one to the same NIP, the holder loses it.
            if (planned.ContainsKey(holder.Nip)
                && !(Guid.TryParse(holder.AadObjectId, out var id) && identities.TryGetValue(id, out var row) && row.Nip == holder.Nip))
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
