
namespace AuditClient.Core.Validation;

/// <summary>
/// The JSON kind of a documented value, declared once per vendor record (a string, a number, an object with its
/// documented members, an array of items, an object whose members follow from a discriminator...) and checked by
/// <see cref="JsonKindCheck"/> before the record is read. Only the documented members of an object are declared: any
/// other member is free. <c>null</c> is never a wrong kind for a member: it reads as absent, which the vendor's rules judge.
/// </summary>
internal sealed class JsonShape
{
    /// <summary>The rule of an ISO 8601 date-time, in the form the vendors' examples write.</summary>
    public const string DateTimeRule = "must be an ISO 8601 date-time such as 2024-01-03T03:08:58.200Z";


    private JsonShape(Form form, string rule)
    {
        Is = form;
        Rule = rule;
    }

    internal enum Form
    {
        String,
        Number,
        Boolean,
        DateTime,
        StringOrNumber,
        Object,
        Array,
        NumberPair,
        Union,
    }

    /// <summary>A JSON string.</summary>
    public static JsonShape String { get; } = new(Form.String, "must be a string");

    /// <summary>A JSON number.</summary>
    public static JsonShape Number { get; } = new(Form.Number, "must be a number");

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    public static JsonShape Boolean { get; } = new(Form.Boolean, "must be a boolean");

    /// <summary>A JSON string holding an ISO 8601 date-time.</summary>
    public static JsonShape DateTime { get; } = new(Form.DateTime, DateTimeRule);

    /// <summary>A JSON string or number.</summary>
    public static JsonShape StringOrNumber { get; } = new(Form.StringOrNumber, "must be a string or a number");

    /// <summary>A JSON object of any members.</summary>
    public static JsonShape AnyObject { get; } = new(Form.Object, ObjectRule);

    /// <summary>A JSON array of exactly two numbers, <c>[x, y]</c>; a wrong one is read as a whole or not at all.</summary>
    public static JsonShape NumberPair { get; } = new(Form.NumberPair, "must be an array of two numbers, [x, y]");

    private const string ObjectRule = "must be an object";

    internal Form Is { get; }

    /// <summary>The rule a value of another kind breaks, in words (<c>must be a number</c>).</summary>
    public string Rule { get; }

    /// <summary>The documented members of an object: each wire name and its shape (an array: walked without allocating).</summary>
    internal (string Name, JsonShape Shape)[] Members { get; private init; } = [];

    /// <summary>The UTF-8 of each of <see cref="Members"/>' names, in the same order: compared as JSON holds them.</summary>
    internal byte[][] MemberNames { get; private init; } = [];

    /// <summary>The shape of each item of an array.</summary>
    internal JsonShape? Items { get; private init; }

    /// <summary>
    /// Whether an item of the wrong kind is left out alone (read as <c>null</c>, so that the others are still read) rather
    /// than taking the whole array with it.
    /// </summary>
    internal bool ItemsApart { get; private init; }

    /// <summary>The member of a union that says which shape it has.</summary>
    internal string? Discriminator { get; private init; }

    /// <summary>The UTF-8 of <see cref="Discriminator"/>.</summary>
    internal byte[] DiscriminatorName { get; private init; } = [];

    /// <summary>The UTF-8 of each of <see cref="Cases"/>' values, in the same order.</summary>
    internal byte[][] CaseNames { get; private init; } = [];

    /// <summary>The rule of a union's discriminator when it is absent.</summary>
    internal string? DiscriminatorRule { get; private init; }

    /// <summary>The object shapes of a union, by discriminator value; another value is left to the vendor's rules.</summary>
    internal (string Value, JsonShape Shape)[] Cases { get; private init; } = [];

    /// <summary>A JSON object whose documented members have these shapes.</summary>
    /// <param name="members">Each documented member's wire name and shape.</param>
    /// <returns>The shape.</returns>
    public static JsonShape Object(params (string Name, JsonShape Shape)[] members) =>
        new(Form.Object, ObjectRule) { Members = members, MemberNames = [.. members.Select(m => System.Text.Encoding.UTF8.GetBytes(m.Name))] };

    /// <summary>A JSON array of items of one shape.</summary>
    /// <param name="items">The shape of each item.</param>
    /// <param name="apart">Whether a wrong item is left out alone (see <see cref="ItemsApart"/>).</param>
    /// <returns>The shape.</returns>
    public static JsonShape ArrayOf(JsonShape items, bool apart) => new(Form.Array, "must be an array") { Items = items, ItemsApart = apart };

    /// <summary>
    /// A JSON object whose documented members follow from the string value of <paramref name="discriminator"/>.
    /// </summary>
    /// <param name="discriminator">The member naming the shape, such as <c>type</c>.</param>
    /// <param name="absent">The rule of an object without it, in words.</param>
    /// <param name="cases">Each known value and the object shape it names.</param>
    /// <returns>The shape.</returns>
    public static JsonShape Union(string discriminator, string absent, params (string Value, JsonShape Shape)[] cases) =>
        new(Form.Union, ObjectRule)
        {
            Discriminator = discriminator,
            DiscriminatorName = System.Text.Encoding.UTF8.GetBytes(discriminator),
            CaseNames = [.. cases.Select(c => System.Text.Encoding.UTF8.GetBytes(c.Value))],
            DiscriminatorRule = absent,
            Cases = cases,
        };

    /// <summary>The shape of the documented member <paramref name="name"/> of this object, or of its union case.</summary>
    /// <param name="name">The wire name.</param>
    /// <param name="discriminatorValue">For a union, the value of its discriminator.</param>
    /// <returns>The member's shape, or <see langword="null"/> when it is not documented.</returns>
    public JsonShape? MemberShape(string name, string? discriminatorValue = null)
    {
        var members = Is == Form.Union
            ? Array.Find(Cases, c => c.Value == discriminatorValue).Shape?.Members ?? []
            : Members;
        return Array.Find(members, m => m.Name == name).Shape;
    }
}
