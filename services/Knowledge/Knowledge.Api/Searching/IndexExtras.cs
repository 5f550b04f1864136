namespace SupportPlatform.Knowledge.Searching;

/// <summary>A query term learned for an article from use, with its weight (0–1, bounded by the learning rules).</summary>
public sealed record LearnedTerm(string Slug, string Term, float Weight);

/// <summary>
/// What the index adds to articles beyond their own text: the domain vocabulary (its concepts'
/// terms on the articles they point at) and the query terms learned from use.
/// </summary>
public sealed class IndexExtras
{
    private readonly Dictionary<string, Dictionary<string, float>> bySlug = new(StringComparer.Ordinal);

    public IndexExtras(DomainVocabulary vocabulary, IEnumerable<LearnedTerm> learned)
    {
        Vocabulary = vocabulary;
        Learned = learned.ToList();
        foreach (var (slug, concepts) in vocabulary.Pins)
        {
            var terms = For(slug);
            foreach (var concept in concepts)
            {
                terms[DomainVocabulary.TermKey(concept)] = 1f;
            }
        }

        foreach (var term in Learned)
        {
            var terms = For(term.Slug);
            var key = new Term(TermKind.Word, term.Term).Key;
            terms[key] = Math.Max(terms.GetValueOrDefault(key), term.Weight);
        }
    }

    public static IndexExtras None { get; } = new(DomainVocabulary.Empty, []);

    public DomainVocabulary Vocabulary { get; }

    public IReadOnlyList<LearnedTerm> Learned { get; }

    private static readonly Dictionary<string, float> Nothing = [];

    public IReadOnlyDictionary<string, float> TermsFor(string slug) => bySlug.GetValueOrDefault(slug) ?? Nothing;

    private Dictionary<string, float> For(string slug)
    {
        if (!bySlug.TryGetValue(slug, out var terms))
        {
            bySlug[slug] = terms = new Dictionary<string, float>(StringComparer.Ordinal);
        }

        return terms;
    }
}
