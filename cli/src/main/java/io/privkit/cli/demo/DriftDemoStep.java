package io.privkit.cli.demo;

import io.privkit.common.Randomness;
import io.privkit.drift.DriftCheck;
import io.privkit.drift.DriftEvidences;
import io.privkit.drift.DriftReport;
import io.privkit.drift.table.ColumnSpec;
import io.privkit.drift.table.Schema;
import io.privkit.drift.table.Table;
import io.privkit.drift.table.TableReader;
import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The drift step of the demo: generates a reference table of loan applications and a current table
 * in which income has shifted and a new employment category has appeared, writes both as CSV, runs
 * the default drift check on the files and returns the {@link DriftEvidence} record.
 */
public final class DriftDemoStep implements DemoStep {
    @Override
    public String title() {
        return "Drift monitoring (reference vs current data, generated)";
    }

    @Override
    public List<EvidenceRecord> run(DemoContext context) throws IOException {
        Path ref = context.dataDir().resolve("drift-reference.csv");
        Path cur = context.dataDir().resolve("drift-current.csv");
        write(ref, 5000, context.dataRandomness("drift-reference"), false);
        write(cur, 4000, context.dataRandomness("drift-current"), true);
        Schema schema = Schema.of(List.of(new ColumnSpec("application_id", null, DriftEvidence.FeatureRole.ID,
                ColumnSpec.Handling.CHECK, null)));
        Table reference = TableReader.withDefaults().read(ref, schema);
        Table current = TableReader.withDefaults().readLike(cur, reference);
        DriftReport report = DriftCheck.withDefaults().run(reference, current);
        EvidenceHeader.Builder header = EvidenceHeader.builder().subject(context.subject()).clock(context.clock());
        return List.of(DriftEvidences.of(report, header));
    }

    /** Applications: age, income, loan amount, employment type, whether the applicant is a first-time borrower. */
    static void write(Path file, int rows, Randomness r, boolean drifted) throws IOException {
        StringBuilder sb = new StringBuilder("application_id,age,income,loan_amount,employment,first_loan\n");
        String[] employment = {"employed", "self-employed", "retired", "student"};
        for (int i = 0; i < rows; i++) {
            double age = 22 + 40 * r.nextDouble();
            double income = Math.exp(10.4 + 0.5 * gaussian(r)) * (drifted ? 1.25 : 1.0);
            double loan = Math.round(income * (0.2 + 0.3 * r.nextDouble()));
            String emp = drifted && r.nextDouble() < 0.08 ? "gig-economy" : employment[pick(r, new double[] {0.6, 0.2, 0.12, 0.08})];
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.1f", age)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", income)).append(',').append((long) loan).append(',').append(emp).append(',')
                    .append(r.nextDouble() < 0.3 ? "yes" : "no").append('\n');
        }
        Files.writeString(file, sb);
    }

    private static int pick(Randomness r, double[] p) {
        double u = r.nextDouble();
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        return p.length - 1;
    }

    private static double gaussian(Randomness r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
