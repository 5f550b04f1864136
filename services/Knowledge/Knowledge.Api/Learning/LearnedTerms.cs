using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Learning;

/// <summary>One opened recommendation: the words the customer had typed, and whether the session went on to file an inquiry anyway.</summary>
/// <param name="Strength">How many helped sessions this evidence is worth: 1 for a customer's open, <see cref="LearnedTerms.DeskStrength"/> for an agent's use in a reply.</param>
public sealed record OpenedRecommendation(string SessionId, string Slug, IReadOnlyList<string> Terms, bool InquiryFiled, int Strength = 1)
{
    /// <summary>An agent inserted the article into a reply to the inquiry: the summary's terms mean that article.</summary>
    public static OpenedRecommendation FromDesk(Guid inquiryId, string slug, IReadOnlyList<string> terms) =>
        new("inquiry:" + inquiryId.ToString("N"), slug, terms, InquiryFiled: false, LearnedTerms.DeskStrength);
}

/// <summary>A term proposed for an article, with the number of sessions behind it.</summary>
public sealed record ProposedTerm(string Slug, string Term, float Weight, int Support);

/// <summary>
/// The learned-synonym loop, pure. A customer who typed a summary, opened a recommended article and
/// filed no inquiry was answered by it: the words they used are evidence that the article means
/// them. Bounded so that use cannot run away with ranking: a term needs several distinct sessions,
/// sessions that still filed an inquiry count against it, weights are capped well below a title
/// word, each article keeps only its strongest few, and staff can reject any term for good.
/// </summary>
public static class LearnedTerms
{
    /// <summary>Distinct helped sessions (net of unhelped ones) before a term counts.</summary>
    public const int MinimumSupport = 3;

    /// <summary>Support at which a term reaches <see cref="MaximumWeight"/>.</summary>
    public const int FullSupport = 10;

    /// <summary>At most this fraction of one title word.</summary>
    public const float MaximumWeight = 0.6f;

    public const int MaximumPerArticle = 10;

    public const int MaximumTermsPerSummary = 20;

    /// <summary>
    /// What one inquiry whose reply used an article counts for: more than a customer's open (an
    /// agent read the case and chose the article), yet below <see cref="MinimumSupport"/>, so a
    /// single inquiry never teaches a term by itself.
    /// </summary>
    public const int DeskStrength = 2;

    /// <summary>
    /// The words of a summary worth keeping as evidence: analysed as queries are (stems), without
    /// codes, numbers or one-letter words, at most <see cref="MaximumTermsPerSummary"/>. Only these
    /// are stored, never the summary itself.
    /// </summary>
    public static string[] EvidenceTerms(string? summary) =>
        KoreanText.Analyze(summary, AnalysisMode.Query)
            .Where(t => t.Kind == TermKind.Word && t.Text.Length >= 2 && !t.Text.Any(char.IsDigit))
            .Select(t => t.Text)
            .Distinct(StringComparer.Ordinal)
            .Take(MaximumTermsPerSummary)
            .ToArray();

    /// <param name="alreadyKnown">Whether the article already has the term in its own text (nothing to learn then).</param>
    /// <param name="rejected">Slug and term pairs staff rejected.</param>
    public static IReadOnlyList<ProposedTerm> Learn(
        IEnumerable<OpenedRecommendation> evidence, Func<string, string, bool> alreadyKnown, IReadOnlySet<(string Slug, string Term)> rejected)
    {
        // Per slug and term, each distinct session once, at its strongest evidence.
        var helped = new Dictionary<(string Slug, string Term), Dictionary<string, int>>();
        var unhelped = new Dictionary<(string Slug, string Term), Dictionary<string, int>>();
        foreach (var opened in evidence)
        {
            foreach (var term in opened.Terms.Distinct(StringComparer.Ordinal))
            {
                var key = (opened.Slug, term);
                var sessions = opened.InquiryFiled ? unhelped : helped;
                if (!sessions.TryGetValue(key, out var strengths))
                {
                    sessions[key] = strengths = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                strengths[opened.SessionId] = Math.Max(strengths.GetValueOrDefault(opened.SessionId), opened.Strength);
            }
        }

        return helped
            .Select(h => (h.Key, Support: h.Value.Values.Sum() - (unhelped.GetValueOrDefault(h.Key)?.Values.Sum() ?? 0)))
            .Where(h => h.Support >= MinimumSupport && !rejected.Contains(h.Key) && !alreadyKnown(h.Key.Slug, h.Key.Term))
            .GroupBy(h => h.Key.Slug, StringComparer.Ordinal)
            .SelectMany(article => article
                .OrderByDescending(h => h.Support).ThenBy(h => h.Key.Term, StringComparer.Ordinal)
                .Take(MaximumPerArticle)
                .Select(h => new ProposedTerm(h.Key.Slug, h.Key.Term, MaximumWeight * Math.Min(1f, (float)h.Support / FullSupport), h.Support)))
            .OrderBy(t => t.Slug, StringComparer.Ordinal).ThenBy(t => t.Term, StringComparer.Ordinal)
            .ToList();
    }
}
