using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>The first schema: organisation, SKP, progress, feedback, appraisal, conversations, outbox, audit.</summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261123000000_Initial")]
public sealed class Initial : KinerjaMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "audit_entries",
            columns: table => new
            {
                Id = Id<long>(table),
                At = Timestamp(table, nullable: false),
                ActorEmployeeId = table.Column<int?>(nullable: true),
                ActorUserId = table.Column<string>(maxLength: 256, nullable: true),
                EntityType = table.Column<string>(maxLength: 64, nullable: false),
                EntityId = table.Column<string>(maxLength: 64, nullable: false),
                Action = table.Column<string>(maxLength: 32, nullable: false),
                Before = table.Column<string>(nullable: true),
                After = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_audit_entries", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "conversation_flows",
            columns: table => new
            {
                Id = Id<int>(table),
                UserId = table.Column<string>(maxLength: 256, nullable: false),
                Kind = table.Column<string>(maxLength: 64, nullable: false),
                StateJson = table.Column<string>(nullable: false),
                StartedAt = Timestamp(table, nullable: false),
                ExpiresAt = Timestamp(table, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_conversation_flows", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "outbox",
            columns: table => new
            {
                Id = Id<long>(table),
                Key = table.Column<string>(maxLength: 256, nullable: false),
                Kind = Enum(table, nullable: false),
                Status = Enum(table, nullable: false),
                Purpose = table.Column<string>(maxLength: 64, nullable: false),
                RecipientEmployeeId = table.Column<int?>(nullable: true),
                RecipientUserId = table.Column<string>(maxLength: 256, nullable: false),
                ServiceUrl = table.Column<string>(maxLength: 512, nullable: false),
                ConversationId = table.Column<string>(maxLength: 512, nullable: false),
                ActivityJson = table.Column<string>(nullable: false),
                TargetOutboxId = table.Column<long?>(nullable: true),
                TargetActivityId = table.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = Timestamp(table, nullable: false),
                NotBefore = Timestamp(table, nullable: false),
                LeaseUntil = Timestamp(table, nullable: true),
                LeaseOwner = table.Column<string>(maxLength: 128, nullable: true),
                Attempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
                SentActivityId = table.Column<string>(maxLength: 256, nullable: true),
                SentAt = Timestamp(table, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_outbox", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "units",
            columns: table => new
            {
                Id = Id<int>(table),
                Code = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: false),
                ParentId = table.Column<int?>(nullable: true),
                HeadEmployeeId = table.Column<int?>(nullable: true),
                TimeZone = table.Column<string>(maxLength: 64, nullable: false),
                AllowPeerFeedback = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_units", x => x.Id);
                table.ForeignKey("FK_units_units_ParentId", x => x.ParentId, "units", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "card_messages",
            columns: table => new
            {
                Id = Id<long>(table),
                Subject = table.Column<string>(maxLength: 128, nullable: false),
                RecipientEmployeeId = table.Column<int>(nullable: false),
                OutboxId = table.Column<long>(nullable: false),
                CreatedAt = Timestamp(table, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_card_messages", x => x.Id);
                table.ForeignKey("FK_card_messages_outbox_OutboxId", x => x.OutboxId, "outbox", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "employees",
            columns: table => new
            {
                Id = Id<int>(table),
                Nip = table.Column<string>(maxLength: 32, nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: false),
                Salutation = Enum(table, nullable: false),
                PositionType = Enum(table, nullable: false),
                PositionName = table.Column<string>(maxLength: 256, nullable: false),
                UnitId = table.Column<int>(nullable: false),
                RaterId = table.Column<int?>(nullable: true),
                AadObjectId = table.Column<string>(maxLength: 64, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                TimeZone = table.Column<string>(maxLength: 64, nullable: false),
                Language = table.Column<string>(maxLength: 8, nullable: true),
                CreditCoefficient = Decimal(table, nullable: true),
                IsActive = table.Column<bool>(nullable: false),
                OptionalNudgesOff = table.Column<bool>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_employees", x => x.Id);
                table.ForeignKey("FK_employees_employees_RaterId", x => x.RaterId, "employees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_employees_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "acting_assignments",
            columns: table => new
            {
                Id = Id<int>(table),
                SupervisorId = table.Column<int>(nullable: false),
                ActingEmployeeId = table.Column<int>(nullable: false),
                From = table.Column<DateOnly>(nullable: false),
                To = table.Column<DateOnly>(nullable: false),
                Kind = Enum(table, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_acting_assignments", x => x.Id);
                table.ForeignKey("FK_acting_assignments_employees_ActingEmployeeId", x => x.ActingEmployeeId, "employees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_acting_assignments_employees_SupervisorId", x => x.SupervisorId, "employees", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "appraisals",
            columns: table => new
            {
                Id = Id<int>(table),
                EmployeeId = table.Column<int>(nullable: false),
                RaterId = table.Column<int>(nullable: false),
                PeriodCode = table.Column<string>(maxLength: 16, nullable: false),
                Revision = table.Column<int>(nullable: false),
                Status = Enum(table, nullable: false),
                WorkResultRating = Enum(table, nullable: true),
                BehaviourRating = Enum(table, nullable: true),
                Predikat = Enum(table, nullable: true),
                SelfSummary = table.Column<string>(maxLength: 4000, nullable: true),
                RaterNote = table.Column<string>(maxLength: 4000, nullable: true),
                ObjectionReason = table.Column<string>(maxLength: 4000, nullable: true),
                FinalizedAt = Timestamp(table, nullable: true),
                AcknowledgedAt = Timestamp(table, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_appraisals", x => x.Id);
                table.ForeignKey("FK_appraisals_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_appraisals_employees_RaterId", x => x.RaterId, "employees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "conversation_refs",
            columns: table => new
            {
                Id = Id<int>(table),
                UserId = table.Column<string>(maxLength: 256, nullable: false),
                AadObjectId = table.Column<string>(maxLength: 64, nullable: true),
                EmployeeId = table.Column<int?>(nullable: true),
                ServiceUrl = table.Column<string>(maxLength: 512, nullable: false),
                ConversationId = table.Column<string>(maxLength: 512, nullable: false),
                ChannelId = table.Column<string>(maxLength: 64, nullable: false),
                TenantId = table.Column<string>(maxLength: 64, nullable: true),
                BotId = table.Column<string>(maxLength: 256, nullable: true),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                Locale = table.Column<string>(maxLength: 32, nullable: true),
                TimeZone = table.Column<string>(maxLength: 64, nullable: true),
                FirstSeenAt = Timestamp(table, nullable: false),
                LastSeenAt = Timestamp(table, nullable: false),
                IsReachable = table.Column<bool>(nullable: false),
                UnreachableReason = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_conversation_refs", x => x.Id);
                table.ForeignKey("FK_conversation_refs_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "skps",
            columns: table => new
            {
                Id = Id<int>(table),
                EmployeeId = table.Column<int>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Status = Enum(table, nullable: false),
                RaterId = table.Column<int?>(nullable: true),
                ReturnNote = table.Column<string>(maxLength: 2000, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_skps", x => x.Id);
                table.ForeignKey("FK_skps_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_skps_employees_RaterId", x => x.RaterId, "employees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "rhks",
            columns: table => new
            {
                Id = Id<int>(table),
                SkpId = table.Column<int>(nullable: false),
                Kind = Enum(table, nullable: false),
                Text = table.Column<string>(maxLength: 1000, nullable: false),
                ParentRhkId = table.Column<int?>(nullable: true),
                Order = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_rhks", x => x.Id);
                table.ForeignKey("FK_rhks_rhks_ParentRhkId", x => x.ParentRhkId, "rhks", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_rhks_skps_SkpId", x => x.SkpId, "skps", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "appraisal_notes",
            columns: table => new
            {
                Id = Id<int>(table),
                AppraisalId = table.Column<int>(nullable: false),
                RhkId = table.Column<int?>(nullable: true),
                Behaviour = Enum(table, nullable: true),
                SelfNote = table.Column<string>(maxLength: 4000, nullable: true),
                RaterNote = table.Column<string>(maxLength: 4000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_appraisal_notes", x => x.Id);
                table.ForeignKey("FK_appraisal_notes_appraisals_AppraisalId", x => x.AppraisalId, "appraisals", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_appraisal_notes_rhks_RhkId", x => x.RhkId, "rhks", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "indicators",
            columns: table => new
            {
                Id = Id<int>(table),
                RhkId = table.Column<int>(nullable: false),
                Text = table.Column<string>(maxLength: 1000, nullable: false),
                Aspect = Enum(table, nullable: false),
                Target = Decimal(table, nullable: false),
                Unit = table.Column<string>(maxLength: 64, nullable: false),
                Order = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_indicators", x => x.Id);
                table.ForeignKey("FK_indicators_rhks_RhkId", x => x.RhkId, "rhks", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "progress_entries",
            columns: table => new
            {
                Id = Id<int>(table),
                IndicatorId = table.Column<int>(nullable: false),
                EmployeeId = table.Column<int>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                Value = Decimal(table, nullable: false),
                Note = table.Column<string>(maxLength: 2000, nullable: true),
                Evidence = table.Column<string>(maxLength: 4000, nullable: true),
                Status = Enum(table, nullable: false),
                SubmittedAt = Timestamp(table, nullable: false),
                ReviewedById = table.Column<int?>(nullable: true),
                ReviewedAt = Timestamp(table, nullable: true),
                ReviewNote = table.Column<string>(maxLength: 2000, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_progress_entries", x => x.Id);
                table.ForeignKey("FK_progress_entries_employees_EmployeeId", x => x.EmployeeId, "employees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_progress_entries_employees_ReviewedById", x => x.ReviewedById, "employees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_progress_entries_indicators_IndicatorId", x => x.IndicatorId, "indicators", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "feedback_requests",
            columns: table => new
            {
                Id = Id<int>(table),
                RequesterId = table.Column<int>(nullable: false),
                RecipientId = table.Column<int>(nullable: false),
                RhkId = table.Column<int?>(nullable: true),
                ProgressEntryId = table.Column<int?>(nullable: true),
                Behaviour = Enum(table, nullable: true),
                Question = table.Column<string>(maxLength: 2000, nullable: true),
                DueDate = table.Column<DateOnly?>(nullable: true),
                Status = Enum(table, nullable: false),
                CreatedAt = Timestamp(table, nullable: false),
                DeclineReason = table.Column<string>(maxLength: 2000, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_feedback_requests", x => x.Id);
                table.ForeignKey("FK_feedback_requests_employees_RecipientId", x => x.RecipientId, "employees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_feedback_requests_employees_RequesterId", x => x.RequesterId, "employees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_feedback_requests_progress_entries_ProgressEntryId", x => x.ProgressEntryId, "progress_entries", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_feedback_requests_rhks_RhkId", x => x.RhkId, "rhks", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "feedback_notes",
            columns: table => new
            {
                Id = Id<int>(table),
                FromId = table.Column<int>(nullable: false),
                ToId = table.Column<int>(nullable: false),
                RequestId = table.Column<int?>(nullable: true),
                RhkId = table.Column<int?>(nullable: true),
                ProgressEntryId = table.Column<int?>(nullable: true),
                Behaviour = Enum(table, nullable: true),
                Text = table.Column<string>(maxLength: 4000, nullable: false),
                CreatedAt = Timestamp(table, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_feedback_notes", x => x.Id);
                table.ForeignKey("FK_feedback_notes_employees_FromId", x => x.FromId, "employees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_feedback_notes_employees_ToId", x => x.ToId, "employees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_feedback_notes_feedback_requests_RequestId", x => x.RequestId, "feedback_requests", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_feedback_notes_progress_entries_ProgressEntryId", x => x.ProgressEntryId, "progress_entries", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_feedback_notes_rhks_RhkId", x => x.RhkId, "rhks", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_acting_assignments_ActingEmployeeId", "acting_assignments", "ActingEmployeeId");
        migrationBuilder.CreateIndex("IX_acting_assignments_SupervisorId_From", "acting_assignments", new[] { "SupervisorId", "From" });
        migrationBuilder.CreateIndex("IX_appraisal_notes_AppraisalId", "appraisal_notes", "AppraisalId");
        migrationBuilder.CreateIndex("IX_appraisal_notes_RhkId", "appraisal_notes", "RhkId");
        migrationBuilder.CreateIndex("IX_appraisals_EmployeeId_PeriodCode_Revision", "appraisals", new[] { "EmployeeId", "PeriodCode", "Revision" }, unique: true);
        migrationBuilder.CreateIndex("IX_appraisals_RaterId", "appraisals", "RaterId");
        migrationBuilder.CreateIndex("IX_audit_entries_EntityType_EntityId", "audit_entries", new[] { "EntityType", "EntityId" });
        migrationBuilder.CreateIndex("IX_card_messages_OutboxId", "card_messages", "OutboxId");
        migrationBuilder.CreateIndex("IX_card_messages_Subject", "card_messages", "Subject");
        migrationBuilder.CreateIndex("IX_conversation_flows_UserId", "conversation_flows", "UserId", unique: true);
        migrationBuilder.CreateIndex("IX_conversation_refs_EmployeeId", "conversation_refs", "EmployeeId");
        migrationBuilder.CreateIndex("IX_conversation_refs_UserId", "conversation_refs", "UserId", unique: true);
        migrationBuilder.CreateIndex("IX_employees_AadObjectId", "employees", "AadObjectId");
        migrationBuilder.CreateIndex("IX_employees_Nip", "employees", "Nip", unique: true);
        migrationBuilder.CreateIndex("IX_employees_RaterId", "employees", "RaterId");
        migrationBuilder.CreateIndex("IX_employees_UnitId", "employees", "UnitId");
        migrationBuilder.CreateIndex("IX_feedback_notes_FromId", "feedback_notes", "FromId");
        migrationBuilder.CreateIndex("IX_feedback_notes_ProgressEntryId", "feedback_notes", "ProgressEntryId");
        migrationBuilder.CreateIndex("IX_feedback_notes_RequestId", "feedback_notes", "RequestId");
        migrationBuilder.CreateIndex("IX_feedback_notes_RhkId", "feedback_notes", "RhkId");
        migrationBuilder.CreateIndex("IX_feedback_notes_ToId", "feedback_notes", "ToId");
        migrationBuilder.CreateIndex("IX_feedback_requests_ProgressEntryId", "feedback_requests", "ProgressEntryId");
        migrationBuilder.CreateIndex("IX_feedback_requests_RecipientId_Status", "feedback_requests", new[] { "RecipientId", "Status" });
        migrationBuilder.CreateIndex("IX_feedback_requests_RequesterId", "feedback_requests", "RequesterId");
        migrationBuilder.CreateIndex("IX_feedback_requests_RhkId", "feedback_requests", "RhkId");
        migrationBuilder.CreateIndex("IX_indicators_RhkId", "indicators", "RhkId");
        migrationBuilder.CreateIndex("IX_outbox_Key", "outbox", "Key", unique: true);
        migrationBuilder.CreateIndex("IX_outbox_Status_NotBefore", "outbox", new[] { "Status", "NotBefore" });
        migrationBuilder.CreateIndex("IX_progress_entries_EmployeeId_Date", "progress_entries", new[] { "EmployeeId", "Date" });
        migrationBuilder.CreateIndex("IX_progress_entries_IndicatorId_Date", "progress_entries", new[] { "IndicatorId", "Date" });
        migrationBuilder.CreateIndex("IX_progress_entries_ReviewedById", "progress_entries", "ReviewedById");
        migrationBuilder.CreateIndex("IX_progress_entries_Status", "progress_entries", "Status");
        migrationBuilder.CreateIndex("IX_rhks_ParentRhkId", "rhks", "ParentRhkId");
        migrationBuilder.CreateIndex("IX_rhks_SkpId", "rhks", "SkpId");
        migrationBuilder.CreateIndex("IX_skps_EmployeeId_Year", "skps", new[] { "EmployeeId", "Year" }, unique: true);
        migrationBuilder.CreateIndex("IX_skps_RaterId", "skps", "RaterId");
        migrationBuilder.CreateIndex("IX_units_Code", "units", "Code", unique: true);
        migrationBuilder.CreateIndex("IX_units_ParentId", "units", "ParentId");    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("feedback_notes");
        migrationBuilder.DropTable("feedback_requests");
        migrationBuilder.DropTable("progress_entries");
        migrationBuilder.DropTable("indicators");
        migrationBuilder.DropTable("appraisal_notes");
        migrationBuilder.DropTable("rhks");
        migrationBuilder.DropTable("skps");
        migrationBuilder.DropTable("conversation_refs");
        migrationBuilder.DropTable("appraisals");
        migrationBuilder.DropTable("acting_assignments");
        migrationBuilder.DropTable("employees");
        migrationBuilder.DropTable("card_messages");
        migrationBuilder.DropTable("units");
        migrationBuilder.DropTable("outbox");
        migrationBuilder.DropTable("conversation_flows");
        migrationBuilder.DropTable("audit_entries");
    }
}
