package io.privkit.drift.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import io.privkit.evidence.DriftEvidence.FeatureRole;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void read_inferredSchema_resolvesTypesAndCountsMissing() throws IOException {
        Path f = write("ref.csv", "age,colour,flag,allnan\n30,red,1,NaN\n,blue,0,\n41.5,red,1,NA\nNaN,\"green\",0,nan\n35,red,0,\n");
        Table t = TableReader.withDefaults().read(f, Schema.inferAll());
        assertEquals(5, t.rows());
        Column.Numeric age = (Column.Numeric) t.columns().get("age");
        assertEquals(FeatureType.NUMERIC, age.spec().type());
        assertEquals(3, age.present());
        assertEquals(2, age.missing());
        assertEquals(0.4, age.missingRate());
        Column.Categorical colour = (Column.Categorical) t.columns().get("colour");
        assertEquals(FeatureType.CATEGORICAL, colour.spec().type());
        assertEquals(3L, colour.counts().get("red"));
        Column.Categorical flag = (Column.Categorical) t.columns().get("flag");
        assertEquals(FeatureType.BINARY, flag.spec().type());
        assertEquals(List.of("0", "1"), List.copyOf(flag.counts().keySet()));
        Column.Numeric allNan = (Column.Numeric) t.columns().get("allnan");
        assertNull(allNan.sample());
        assertEquals(5, allNan.missing());
    }

    @Test
    void readLike_nonNumericInNumericColumn_namesRowAndColumn() throws IOException {
        Path ref = write("ref.csv", "age,city\n30,a\n40,b\n50,c\n");
        Path cur = write("cur.csv", "age,city\n30,a\n\"n/a\",b\n");
        Table reference = TableReader.withDefaults().read(ref, Schema.inferAll());
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.withDefaults().readLike(cur, reference));
        assertEquals(3, e.row());
        assertEquals("age", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("must be a number; got \"n/a\""), e.getMessage());
    }

    @Test
    void readLike_missingColumn_namesIt() throws IOException {
        Table reference = TableReader.withDefaults().read(write("ref.csv", "a,b\n1,2\n3,4\n5,6\n"), Schema.inferAll());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.withDefaults().readLike(write("cur.csv", "a\n1\n"), reference));
        assertEquals("b", e.column().orElseThrow());
    }

    @Test
    void read_emptyFileOrMissingFile_clearErrors() throws IOException {
        DataFormatException empty = assertThrows(DataFormatException.class,
                () -> TableReader.withDefaults().read(write("empty.csv", ""), Schema.inferAll()));
        assertTrue(empty.getMessage().contains("empty file"), empty.getMessage());
        DataFormatException none = assertThrows(DataFormatException.class,
                () -> TableReader.withDefaults().read(dir.resolve("nope.csv"), Schema.inferAll()));
        assertTrue(none.getMessage().contains("no such file"), none.getMessage());
    }

    @Test
    void read_raggedRecord_rejectedWithLine() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.withDefaults().read(write("r.csv", "a,b\n1,2\n3\n"), Schema.inferAll()));
        assertEquals(3, e.row());
    }

    @Test
    void read_rejectPolicy_refusesMissing() throws IOException {
        Path f = write("m.csv", "a\n1\n\n2\n,\n");
        // a blank line is not a record; an empty field is
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReader.withDefaults().with(TableReader.MissingPolicy.REJECT).read(write("m2.csv", "a,b\n1,\n"), Schema.inferAll()));
        assertEquals("b", e.column().orElseThrow());
        assertFalse(Files.readString(f).isEmpty());
    }

    @Test
    void schemaFile_declaredTypesRolesAndSkips_applied() throws IOException {
        Path schema = write("schema.json", """
                {"columns": [
                  {"name": "zip", "type": "categorical"},
                  {"name": "id", "role": "id"},
                  {"name": "note", "skip": true, "reason": "free text"}
                ]}""");
        Path f = write("t.csv", "id,zip,note,x\n1,01000,hello,3\n2,02000,bye,4\n3,01000,x,5\n");
        Table t = TableReader.withDefaults().read(f, Schema.read(schema));
        assertEquals(FeatureType.CATEGORICAL, t.columns().get("zip").spec().type());
        assertTrue(((Column.Categorical) t.columns().get("zip")).counts().containsKey("01000"));
        assertFalse(t.columns().containsKey("id"));
        assertFalse(t.columns().containsKey("note"));
        ColumnSpec note = t.header().stream().filter(s -> s.name().equals("note")).findFirst().orElseThrow();
        assertEquals("free text", note.reason());
        assertEquals(FeatureRole.ID, Schema.read(schema).declared("id").orElseThrow().role());
    }

    @Test
    void schemaFile_unknownType_namesColumnAndChoices() throws IOException {
        Path schema = write("s.json", "{\"columns\": [{\"name\": \"a\", \"type\": \"numbr\"}]}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Schema.read(schema));
        assertEquals("a", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("numeric, categorical or binary"), e.getMessage());
    }
}
