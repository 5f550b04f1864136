using System.Text;
using System.Text.RegularExpressions;

namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// The text analysis shared by documents and queries. Korean is written with and without spaces
/// ("스팸메일" / "스팸 메일"), glues particles and endings to words ("랜섬웨어가", "차단됩니다") and has
/// loan-word spellings that drift ("컨텐츠" / "콘텐츠"); customers also paste English error strings
/// and product codes. Everything here is pure, so queries and documents are treated identically.
/// </summary>
public static partial class KoreanText
{
    /// <summary>
    /// NFC (so decomposed input from some IMEs equals composed syllables), full-width ASCII folded,
    /// lower case, and everything that is not a letter or digit (punctuation, brackets, quotes,
    /// half-typed jamo) turned into single spaces.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var composed = text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        var pendingSpace = false;
        foreach (var original in composed)
        {
            var c = original is >= '\uFF01' and <= '\uFF5E' ? (char)(original - 0xFEE0) : original;
            if (char.IsLetterOrDigit(c) && !IsCompatibilityJamo(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }

        // "1대1" is how "1:1" is read aloud and often typed: 대 between digits is the ratio's colon.
        return RatioRead().Replace(builder.ToString(), " ");
    }

    [GeneratedRegex(@"(?<=\d) ?대 ?(?=\d)")]
    private static partial Regex RatioRead();

    /// <summary>
    /// A politeness or question word, also when misspelt the way such words are ("잇어요", "되나요" as "돼나요"):
    /// sound-alike folding (<see cref="TypoCorrection.Fold"/>) is compared, so a slip never turns small
    /// talk into a word the catalogue is searched for.
    /// </summary>
    public static bool IsStopWord(string token, string stem) =>
        Vocabulary.KoreanStopWords.Contains(token) || Vocabulary.KoreanStopWords.Contains(stem)
        || FoldedStopWords.Contains(TypoCorrection.Fold(token)) || FoldedStopWords.Contains(TypoCorrection.Fold(stem));

    private static readonly HashSet<string> FoldedStopWords = Vocabulary.KoreanStopWords.Select(TypoCorrection.Fold).ToHashSet(StringComparer.Ordinal);

    public static bool IsHangulSyllable(char c) => c is >= '\uAC00' and <= '\uD7A3';

    /// <summary>Stand-alone jamo (ㄱ, ㅏ) only appear mid-typing or as emoticons (ㅠㅠ); they carry no meaning for search.</summary>
    private static bool IsCompatibilityJamo(char c) => c is >= '\u3131' and <= '\u318E';

    /// <summary>
    /// Splits normalised text into words, also where Hangul meets Latin or digits ("tmse스팸서버", "421오류").
    /// A particle glued to a Latin word or a code ("TMW에서", "IP가") belongs to it and is dropped.
    /// </summary>
    public static List<Token> Tokenize(string normalized)
    {
        var tokens = new List<Token>();
        var start = -1;
        var startIsHangul = false;
        var gluedToLatin = false;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var end = i == normalized.Length || normalized[i] == ' ';
            var hangul = !end && IsHangulSyllable(normalized[i]);
            if (start >= 0 && (end || hangul != startIsHangul))
            {
                var text = normalized[start..i];
                if (!(gluedToLatin && startIsHangul && Vocabulary.Endings.Contains(text)))
                {
                    tokens.Add(new Token(text, startIsHangul));
                }

                gluedToLatin = !end && !startIsHangul;
                start = -1;
            }
            else if (end)
            {
                gluedToLatin = false;
            }

            if (!end && start < 0)
            {
                start = i;
                startIsHangul = hangul;
            }
        }

        return tokens;
    }

    /// <summary>
    /// The word a Korean token stands for: spelling variants unified, then one particle or ending
    /// removed (longest first) when at least two syllables remain, so "메일이" → "메일" but "통과" stays,
    /// then a verb's remaining endings by <see cref="KoreanMorphology"/>.
    /// </summary>
    public static string StemKorean(string token)
    {
        var word = token;
        foreach (var (variant, canonical) in Vocabulary.KoreanSpellings)
        {
            if (word.Contains(variant, StringComparison.Ordinal))
            {
                word = word.Replace(variant, canonical, StringComparison.Ordinal);
            }
        }

        if (!Vocabulary.IsProtected(word))
        {
            // Longest ending first, at most as long as the longest ending, leaving two syllables.
            for (var length = Math.Min(Vocabulary.LongestEnding, word.Length - 2); length >= 1; length--)
            {
                if (Vocabulary.Endings.Contains(word[^length..]))
                {
                    word = word[..^length];
                    break;
                }
            }

            // What is left of a verb or adjective goes to its stem (나갔더라고 → 나가, 막혀 → 막히).
            if (!Vocabulary.IsProtected(word))
            {
                word = KoreanMorphology.Stem(word);
            }
        }

        return Vocabulary.KoreanWords.TryGetValue(word, out var canonicalWord) ? canonicalWord : word;
    }

    /// <summary>Latin words to their lemma ("recipients" → "recipient", "arrived" → "arrive"), never below four letters.</summary>
    public static string StemLatin(string token) => EnglishLemmas.Lemma(token);

    /// <summary>The character bigrams of a Hangul run.</summary>
    public static IEnumerable<string> Bigrams(string hangul)
    {
        for (var i = 0; i + 2 <= hangul.Length; i++)
        {
            yield return hangul.Substring(i, 2);
        }
    }

    /// <summary>Character trigrams of a Latin word with boundary marks ("^ip", "ip$"); a word still being typed gets no end mark.</summary>
    public static IEnumerable<string> Trigrams(string word, bool complete)
    {
        var marked = complete ? "^" + word + "$" : "^" + word;
        for (var i = 0; i + 3 <= marked.Length; i++)
        {
            yield return marked.Substring(i, 3);
        }
    }

    /// <summary>
    /// Analyses text into the search terms of one field. Documents join consecutive Korean words
    /// before taking bigrams, so a document written "스팸 메일" also answers the query "스팸메일";
    /// queries take bigrams within each word only, so a query's spacing never invents a bigram
    /// the document cannot have.
    /// </summary>
    public static List<Term> Analyze(string? text, AnalysisMode mode)
    {
        var normalized = Normalize(text);
        var tokens = Tokenize(normalized);
        var terms = new List<Term>();
        var run = new StringBuilder();
        var word = 0;
        var lastTokenOpen = mode == AnalysisMode.Query && normalized.Length > 0 && text is not null
            && !char.IsWhiteSpace(text[^1]);

        void FlushRun()
        {
            if (run.Length >= 2)
            {
                foreach (var bigram in Bigrams(run.ToString()))
                {
                    terms.Add(new Term(TermKind.Bigram, bigram, word));
                }
            }

            run.Clear();
        }

        // In a query, a one-syllable word ("타 시스", "수신자 수", "스팸메일이 발") is matched by the
        // bigrams it forms with its neighbours, which documents have because they join their words.
        var previousStem = string.Empty;
        (int Word, char Syllable)? single = null;
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.IsHangul)
            {
                var stem = StemKorean(token.Text);
                if (IsStopWord(token.Text, stem))
                {
                    continue;
                }

                if (mode == AnalysisMode.Query)
                {
                    FlushRun();
                }

                word++;
                if (mode == AnalysisMode.Query && stem.Length > 0)
                {
                    if (single is { } before)
                    {
                        terms.Add(new Term(TermKind.Bigram, $"{before.Syllable}{stem[0]}", before.Word));
                    }

                    single = null;
                    if (stem.Length == 1)
                    {
                        if (previousStem.Length > 0)
                        {
                            terms.Add(new Term(TermKind.Bigram, $"{previousStem[^1]}{stem}", word));
                        }

                        single = (word, stem[0]);
                    }

                    previousStem = stem;
                }

                AddKorean(stem);
                continue;
            }

            previousStem = string.Empty;
            single = null;

            // A lone letter or digit ("4" of "4.7.0", "1" of "1:1") says nothing; codes are matched whole by the domain vocabulary.
            if (token.Text.Length == 1)
            {
                continue;
            }

            var latin = StemLatin(token.Text);
            if (Vocabulary.LatinStopWords.Contains(token.Text) || Vocabulary.LatinStopWords.Contains(latin))
            {
                continue;
            }

            FlushRun();
            word++;
            var complete = !(lastTokenOpen && index == tokens.Count - 1);
            terms.Add(new Term(TermKind.Word, latin, word));
            foreach (var trigram in Trigrams(latin, complete))
            {
                terms.Add(new Term(TermKind.Trigram, trigram, word));
            }

            // An English word with a Korean equivalent also counts as that word, as its own run.
            if (Vocabulary.LatinToKorean.TryGetValue(latin, out var korean))
            {
                AddKorean(StemKorean(korean));
                FlushRun();
            }
        }

        FlushRun();
        return terms;

        void AddKorean(string stem)
        {
            if (stem.Length >= 2)
            {
                terms.Add(new Term(TermKind.Word, stem, word));
            }

            run.Append(stem);
        }
    }
}

public readonly record struct Token(string Text, bool IsHangul);

public enum AnalysisMode
{
    Document,
    Query,
}

public enum TermKind
{
    /// <summary>Two Hangul syllables: robust to spacing, particles and half-typed words.</summary>
    Bigram,

    /// <summary>A whole stemmed word (Korean or Latin): rewards exact words over scattered syllables.</summary>
    Word,

    /// <summary>Three characters of a Latin word: prefixes while typing and small typos.</summary>
    Trigram,
}

/// <param name="Word">In a query, which word the term came from (coverage counts words, not terms); 0 in documents.</param>
public readonly record struct Term(TermKind Kind, string Text, int Word = 0)
{
    /// <summary>The key in the index: kinds never collide ("ip" the word vs "ip" inside a trigram).</summary>
    public string Key => Kind switch
    {
        TermKind.Bigram => "b:" + Text,
        TermKind.Word => "w:" + Text,
        _ => "t:" + Text,
    };
}
