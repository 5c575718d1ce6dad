package org.vigie.feeds.social;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link PostSignal} can hold no author: its fields are checked by name and by type, so a later change that adds
 * "the account, just for debugging" fails the build.
 */
class PostSignalArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter().importClasses(PostSignal.class, PostSignal.Placement.class);
    /** The only text or collection PostSignal may carry: folded topic words. */
    static final Set<String> WHITELISTED_TEXT = Set.of("terms");
    static final Pattern AUTHOR_LIKE = Pattern.compile("(?i).*(account|user|author|handle|name|id|mention|url|uri"
            + "|acct|avatar|email|phone|token|hash|salt|lat|lon|coord).*");

    @Test
    void noFieldOfAPostSignalIsNamedLikeAnAuthor() {
        fields().that().areDeclaredIn(PostSignal.class).and().areNotStatic()
                .should(new ArchCondition<JavaField>("not be named like an author, an identifier or a position") {
                    @Override
                    public void check(JavaField f, ConditionEvents events) {
                        if (AUTHOR_LIKE.matcher(f.getName()).matches()) {
                            events.add(SimpleConditionEvent.violated(f, f.getFullName() + " looks like it could hold who"));
                        }
                    }
                }).check(CLASSES);
    }

    @Test
    void onlyTheWhitelistedFieldsHoldTextOrCollections() {
        DescribedPredicate<JavaClass> textual = new DescribedPredicate<>("text, a collection, a map or an array") {
            @Override
            public boolean test(JavaClass t) {
                return t.isAssignableTo(CharSequence.class) || t.isAssignableTo(Collection.class)
                        || t.isAssignableTo(Map.class) || t.isArray() || t.isAssignableTo(Object.class) && t.getName().equals(Object.class.getName());
            }
        };
        fields().that().areDeclaredIn(PostSignal.class).and().areNotStatic().and().haveRawType(textual)
                .should(new ArchCondition<JavaField>("be whitelisted " + WHITELISTED_TEXT) {
                    @Override
                    public void check(JavaField f, ConditionEvents events) {
                        if (!WHITELISTED_TEXT.contains(f.getName())) {
                            events.add(SimpleConditionEvent.violated(f, f.getFullName() + " could carry text about an author"));
                        }
                    }
                }).allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void theOtherFieldsAreTimeCellAndPlacementOnly() {
        fields().that().areDeclaredIn(PostSignal.class).and().areNotStatic()
                .should(new ArchCondition<JavaField>("be one of at, cell, placement, terms with their types") {
                    @Override
                    public void check(JavaField f, ConditionEvents events) {
                        String type = f.getRawType().getName();
                        boolean ok = switch (f.getName()) {
                            case "at" -> type.equals("java.time.Instant");
                            case "cell" -> type.equals("long");
                            case "placement" -> type.equals(PostSignal.Placement.class.getName());
                            case "terms" -> type.equals("java.util.List");
                            default -> false;
                        };
                        if (!ok) {
                            events.add(SimpleConditionEvent.violated(f, f.getFullName() + " of type " + type
                                    + " is not one of PostSignal's allowed fields"));
                        }
                    }
                }).check(CLASSES);
    }
}
