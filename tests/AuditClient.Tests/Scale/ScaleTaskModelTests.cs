using System.Text.Json;
using AuditClient.Core.Serialization;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Scale;

public sealed class ScaleTaskModelTests
{
    private static ScaleTask Read(string json) => JsonSerializer.Deserialize(json, AuditClientJsonContext.Default.ScaleTask)!;

    private static string Write(ScaleTask task) => JsonSerializer.Serialize(task, AuditClientJsonContext.Default.ScaleTask);

    [Test]
    public async Task The_spec_example_read_over_http_has_every_field_set()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/576ba74eec471ff9b01557cc").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(ScaleTaskJson.SpecExample));
        using var clients = Loopback.Clients(server);

        var task = await clients.ScaleTasks.GetTaskAsync("576ba74eec471ff9b01557cc");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.TaskId, Is.EqualTo("576ba74eec471ff9b01557cc"));
            Assert.That(task.CreatedAt, Is.EqualTo(new DateTimeOffset(2021, 6, 22, 9, 9, 34, 752, TimeSpan.Zero)));
            Assert.That(task.UpdatedAt, Is.EqualTo(new DateTimeOffset(2021, 6, 24, 15, 32, 4, 1, TimeSpan.Zero)));
            Assert.That(task.CompletedAt, Is.EqualTo(new DateTimeOffset(2021, 6, 23, 9, 10, 2, 798, TimeSpan.Zero)));
            Assert.That(task.Type, Is.EqualTo("imageannotation"));
            Assert.That(task.Status, Is.EqualTo(ScaleTaskStatus.Completed));
            Assert.That(task.Params!.Value.GetProperty("geometries").GetProperty("box").GetProperty("objects_to_annotate")[0].GetString(), Is.EqualTo("cow"));
            Assert.That(task.Response!.Value.GetProperty("category").GetString(), Is.EqualTo("big"));
            Assert.That(task.Metadata!.Value.GetProperty("shard").GetInt32(), Is.EqualTo(7));
            Assert.That(task.UniqueId, Is.EqualTo("cow-0001"));
            Assert.That(task.Tags, Is.EqualTo(new[] { "cows", "audit-sample" }));
            Assert.That(task.Project, Is.EqualTo("cow_detection"));
            Assert.That(task.Batch, Is.EqualTo("cow_batch_3"));
            Assert.That(task.CallbackUrl, Is.EqualTo("https://example.com/scale/callbacks"));
            Assert.That(task.CustomerReviewStatus, Is.EqualTo(CustomerReviewStatus.Fixed));
            Assert.That(task.CustomerReviewComments, Is.EqualTo(new[] { "Was small, actually is big" }));
            Assert.That(task.PriorResponses!.Single().GetProperty("category").GetString(), Is.EqualTo("small"));
            Assert.That(task.IsCustomerFix, Is.True);
            Assert.That(task.Audits, Has.Count.EqualTo(2));
        }

        var audit = task.Audits![0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(audit.AuditedBy, Is.EqualTo("reviewer@example.com"));
            Assert.That(audit.AuditedAt, Is.EqualTo(new DateTimeOffset(2021, 6, 24, 15, 32, 3, 585, TimeSpan.Zero)));
            Assert.That(audit.AuditTimeSecs, Is.EqualTo(120));
            Assert.That(audit.AuditActiveTimeSecs, Is.EqualTo(95.5));
            Assert.That(audit.AuditResult, Is.EqualTo(TaskAuditResult.Accepted));
            Assert.That(audit.AuditSource, Is.EqualTo(TaskAuditSource.Customer));
            Assert.That(task.Audits[1].AuditResult, Is.EqualTo(TaskAuditResult.Fixed));
            Assert.That(task.Audits[1].AuditPerAnnotationErrors, Is.Null);
        }

        var error = audit.AuditPerAnnotationErrors!.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Uuid, Is.EqualTo("0f8e6c5a-9a57-4c1b-8a0e-2d3c7b1f4e21"));
            Assert.That(error.Severity, Is.EqualTo(AnnotationErrorSeverity.Critical));
            Assert.That(error.ErrorType, Is.EqualTo(AnnotationErrorType.Geometry));
            Assert.That(error.Comment, Is.EqualTo("Box misses the tail"));
            Assert.That(error.Attribute, Is.EqualTo("occluded"));
            Assert.That(error.IsFixed, Is.True);
            Assert.That(error.OriginalLabel, Is.EqualTo("small"));
            Assert.That(error.AuditLabel, Is.EqualTo("big"));
            Assert.That(error.FrameNum, Is.EqualTo(12));
            Assert.That(error.TaggedReasons, Is.EqualTo(new[] { "loose box", "tail cut" }));
            Assert.That(error.OriginalBox, Is.EqualTo(new AnnotationErrorBox { Left = 10.5, Top = 20, Width = 100, Height = 50, Rotation = 0 }).Using(ModelEquality.Instance));
            Assert.That(error.AuditBox, Is.EqualTo(new AnnotationErrorBox { Left = 8, Top = 18.25, Width = 130, Height = 55, Rotation = 0.1 }).Using(ModelEquality.Instance));
            Assert.That(error.LabelIndex, Is.EqualTo(3));
            Assert.That(error.PixelLocation!.Value.GetRawText(), Is.EqualTo("[[1, 2], [3, 4]]"));
            Assert.That(error.IsWithoutAnnotation, Is.False);
        }
    }

    [Test]
    public void The_users_conveniences_of_the_spec_example_tell_the_latest_audit_the_history_and_the_fix()
    {
        var task = Read(ScaleTaskJson.SpecExample);

        Assert.That(task.LatestAudit!.AuditResult, Is.EqualTo(TaskAuditResult.Accepted));
        Assert.That(task.ResponseHistory.Select(r => r.GetProperty("category").GetString()), Is.EqualTo(new[] { "small", "big" }));
        Assert.That(task.IsFixedByCustomer, Is.True);
    }

    [Test]
    public void Review_comments_sent_as_a_string_read_as_a_list_of_one()
    {
        var task = Read(ScaleTaskJson.Task("t1", ""","customer_review_comments":"Was small, actually is big" """));

        Assert.That(task.CustomerReviewComments, Is.EqualTo(new[] { "Was small, actually is big" }));
    }

    [Test]
    public void Review_comments_appended_to_an_array_read_in_order()
    {
        var task = Read(ScaleTaskJson.Task("t1", ""","customer_review_comments":["Was small","Actually medium",null,"Big after all"]"""));

        Assert.That(task.CustomerReviewComments, Is.EqualTo(new[] { "Was small", "Actually medium", "Big after all" }));
    }

    [TestCase("")]
    [TestCase(""","customer_review_comments":null""")]
    public void Review_comments_absent_or_null_read_as_null(string field)
    {
        var task = Read(ScaleTaskJson.Task("t1", field));

        Assert.That(task.CustomerReviewComments, Is.Null);
        Assert.That(Write(task), Does.Not.Contain("customer_review_comments"));
    }

    [Test]
    public void Review_comments_of_another_shape_read_as_their_json_text_and_are_written_back_as_they_came()
    {
        var task = Read(ScaleTaskJson.Task("t1", ""","customer_review_comments":{"text":"x"}"""));

        Assert.That(task.CustomerReviewComments, Is.EqualTo(new[] { """{"text":"x"}""" }));
        Assert.That(Write(task), Does.Contain("\"customer_review_comments\":{\"text\":\"x\"}"));
    }

    [Test]
    public void Review_comments_are_written_back_in_the_shape_scale_uses()
    {
        var one = Read(ScaleTaskJson.Task("t1", ""","customer_review_comments":"only" """));
        var two = Read(ScaleTaskJson.Task("t1", ""","customer_review_comments":["first","second"]"""));

        Assert.That(Write(one), Does.Contain("\"customer_review_comments\":\"only\""));
        Assert.That(Write(two), Does.Contain("\"customer_review_comments\":[\"first\",\"second\"]"));
    }

    [Test]
    public void Three_audits_in_shuffled_order_give_the_most_recent_as_latest()
    {
        const string audits = """
            ,"audits":[
              {"audited_by":"b@example.com","audited_at":"2024-03-02T10:00:00.000Z","audit_result":"rejected","audit_source":"customer"},
              {"audited_by":"c@example.com","audited_at":"2024-03-03T09:30:00.000+02:00","audit_result":"fixed","audit_source":"scale"},
              {"audited_by":"a@example.com","audited_at":"2024-03-01T10:00:00.000Z","audit_result":"accepted","audit_source":"customer"}
            ]
            """;

        var latest = Read(ScaleTaskJson.Task("t1", audits)).LatestAudit;

        Assert.That(latest!.AuditedBy, Is.EqualTo("c@example.com"));
        Assert.That(latest.AuditResult, Is.EqualTo(TaskAuditResult.Fixed));
        Assert.That(latest.AuditSource, Is.EqualTo(TaskAuditSource.Scale));
    }

    [Test]
    public void An_audit_without_a_time_is_never_latest_over_one_with_a_time()
    {
        var task = Read(ScaleTaskJson.Task("t1", ""","audits":[{"audited_by":"untimed"},{"audited_by":"timed","audited_at":"2020-01-01T00:00:00Z"}]"""));

        Assert.That(task.LatestAudit!.AuditedBy, Is.EqualTo("timed"));
    }

    [Test]
    public void A_task_never_audited_has_no_latest_audit_and_its_history_is_the_response()
    {
        var task = Read(ScaleTaskJson.Task("t1", ""","response":{"category":"big"}"""));

        Assert.That(task.LatestAudit, Is.Null);
        Assert.That(task.ResponseHistory.Single().GetProperty("category").GetString(), Is.EqualTo("big"));
        Assert.That(task.IsFixedByCustomer, Is.Null, "Scale did not say: unknown, not false");
    }

    [Test]
    public void A_task_fixed_by_scale_is_not_fixed_by_the_customer()
    {
        var task = Read(ScaleTaskJson.Task("t1", ""","customer_review_status":"fixed","is_customer_fix":false"""));

        Assert.That(task.IsFixedByCustomer, Is.False);
    }

    [Test]
    public void Values_scale_adds_later_are_kept_and_written_back_unchanged()
    {
        const string json = """
            {"task_id":"t1","status":"on_hold","customer_review_status":"escalated",
             "audits":[{"audit_result":"partially_fixed","audit_source":"partner",
               "audit_per_annotation_errors":[{"severity":"minor","error_type":"occlusion"}]}]}
            """;

        var task = Read(json);
        var written = Write(task);

        Assert.That(task.Status!.Value.ToString(), Is.EqualTo("on_hold"));
        Assert.That(task.CustomerReviewStatus!.Value.ToString(), Is.EqualTo("escalated"));
        foreach (var value in new[] { "on_hold", "escalated", "partially_fixed", "partner", "minor", "occlusion" })
        {
            Assert.That(written, Does.Contain($"\"{value}\""));
        }
    }

    [Test]
    public void Params_response_metadata_and_prior_responses_round_trip_any_json()
    {
        var task = Read(ScaleTaskJson.SpecExample);

        var again = Read(Write(task));

        Assert.That(JsonElement.DeepEquals(again.Params!.Value, task.Params!.Value), Is.True);
        Assert.That(JsonElement.DeepEquals(again.Audits![0].AuditPerAnnotationErrors![0].PixelLocation!.Value, task.Audits![0].AuditPerAnnotationErrors![0].PixelLocation!.Value), Is.True);
        Assert.That(again.Metadata!.Value.GetProperty("batch_owner").GetString(), Is.EqualTo("ml-team"));
        Assert.That(again.PriorResponses!.Single().GetProperty("category").GetString(), Is.EqualTo("small"));
        Assert.That(again.Audits![0].AuditPerAnnotationErrors![0], Is.EqualTo(task.Audits![0].AuditPerAnnotationErrors![0]).Using(ModelEquality.Instance));
    }

    [Test]
    public void A_task_without_audit_fields_writes_none_of_them()
    {
        var written = Write(Read(ScaleTaskJson.Task("t1")));

        Assert.That(written, Is.EqualTo("""{"task_id":"t1","type":"imageannotation","status":"completed"}"""));
    }
}
