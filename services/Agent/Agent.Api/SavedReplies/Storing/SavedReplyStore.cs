using Npgsql;
using NpgsqlTypes;

namespace SupportPlatform.Agent.SavedReplies.Storing;

/// <summary>A saved reply as its current revision; <see cref="OwnerId"/> null means the team's.</summary>
public sealed record SavedReply(Guid Id, Guid? OwnerId, string Title, string Body, int Revision, DateTimeOffset UpdatedAt)
{
    public bool IsTeam => OwnerId is null;
}

/// <summary>One saved revision, with the display name of who saved it.</summary>
public sealed record SavedReplyRevision(int Revision, string Title, string Body, DateTimeOffset EditedAt, string EditedBy);

/// <summary>What a save did: saved at a revision, refused as stale (someone saved since), or the reply is not the member's to change.</summary>
public enum SaveOutcome
{
    Saved,
    Stale,
    NotFound,
}

/// <summary>
/// The saved replies in the agent schema. Every read and write is scoped to what a member may see:
/// the team's replies and their own. Edits carry the revision the editor started from, so a
/// colleague's save in between is never overwritten.
/// </summary>
public sealed class SavedReplyStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = "id, owner_id, title, body, revision, updated_at";

    /// <summary>The team's replies and the member's own, personal first, then by title.</summary>
    public async Task<IReadOnlyList<SavedReply>> VisibleToAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM agent.saved_replies WHERE owner_id IS NULL OR owner_id = $1 ORDER BY owner_id IS NULL, title");
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<SavedReply?> FindAsync(Guid id, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM agent.saved_replies WHERE id = $1 AND (owner_id IS NULL OR owner_id = $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<Guid> CreateAsync(Guid memberId, bool personal, string title, string body, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(
            "INSERT INTO agent.saved_replies (id, owner_id, title, body, revision, updated_at) VALUES ($1, $2, $3, $4, 1, $5)",
            id, personal ? memberId : DBNull.Value, title, body, now));
        batch.BatchCommands.Add(Command(
            "INSERT INTO agent.saved_reply_revisions (reply_id, revision, title, body, edited_at, edited_by) VALUES ($1, 1, $2, $3, $4, $5)",
            id, title, body, now, memberId));
        // A batch without an explicit transaction runs as one implicit transaction in PostgreSQL.
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>Saves a new revision if the reply is still at <paramref name="expectedRevision"/>.</summary>
    public async Task<SaveOutcome> EditAsync(Guid id, Guid memberId, int expectedRevision, string title, string body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand(
            """
            UPDATE agent.saved_replies SET title = $3, body = $4, revision = revision + 1, updated_at = $5
            WHERE id = $1 AND (owner_id IS NULL OR owner_id = $2) AND revision = $6
            RETURNING revision
            """, connection, transaction);
        foreach (var value in new object[] { id, memberId, title, body, now, expectedRevision })
        {
            update.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        if (await update.ExecuteScalarAsync(cancellationToken) is not int revision)
        {
            return await FindAsync(id, memberId, cancellationToken) is null ? SaveOutcome.NotFound : SaveOutcome.Stale;
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO agent.saved_reply_revisions (reply_id, revision, title, body, edited_at, edited_by) VALUES ($1, $2, $3, $4, $5, $6)",
            connection, transaction);
        foreach (var value in new object[] { id, revision, title, body, now, memberId })
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SaveOutcome.Saved;
    }

    public async Task<bool> DeleteAsync(Guid id, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM agent.saved_replies WHERE id = $1 AND (owner_id IS NULL OR owner_id = $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Every revision of a reply the member may see, newest first.</summary>
    public async Task<IReadOnlyList<SavedReplyRevision>> RevisionsAsync(Guid id, Guid memberId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT r.revision, r.title, r.body, r.edited_at, coalesce(u."DisplayName", '—')
            FROM agent.saved_reply_revisions r
            JOIN agent.saved_replies s ON s.id = r.reply_id AND (s.owner_id IS NULL OR s.owner_id = $2)
            LEFT JOIN agent."AspNetUsers" u ON u."Id" = r.edited_by
            WHERE r.reply_id = $1
            ORDER BY r.revision DESC
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = memberId });
        var revisions = new List<SavedReplyRevision>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(new SavedReplyRevision(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return revisions;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Uuid } : new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task<IReadOnlyList<SavedReply>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var replies = new List<SavedReply>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            replies.Add(new SavedReply(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return replies;
    }
}
