package io.mailbridge.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BucketAssignmentTest {

    private static final Buckets BUCKETS = new Buckets(64);
    private static final List<String> THREE = List.of("node-1", "node-2", "node-3");

    @Test
    void sixty_accounts_over_three_members_give_each_member_within_a_tenth_of_its_share_whatever_the_names() {
        Random random = new Random(12);
        for (int run = 0; run < 500; run++) {
            int[] weights = weights(accounts(random, 60));
            Map<String, Integer> load = load(BucketAssignment.of(THREE, weights), weights);
            assertThat(load.values()).as("run %d: %s", run, load).allSatisfy(accounts ->
                    assertThat(accounts).isBetween(18, 22));
        }
    }

    @Test
    void a_thousand_accounts_over_five_members_give_each_member_within_a_twentieth_of_its_share() {
        List<String> five = List.of("a", "b", "c", "d", "e");
        int[] weights = weights(accounts(new Random(5), 1000));
        Map<String, Integer> load = load(BucketAssignment.of(five, weights), weights);
        assertThat(load.values()).allSatisfy(accounts -> assertThat(accounts).isBetween(190, 210));
    }

    @Test
    void every_node_computes_the_same_owners_from_the_same_members_and_accounts() {
        int[] weights = weights(accounts(new Random(7), 60));
        BucketAssignment one = BucketAssignment.of(THREE, weights);
        BucketAssignment other = BucketAssignment.of(List.of("node-3", "node-1", "node-2"), weights.clone());
        for (int bucket = 0; bucket < weights.length; bucket++) {
            assertThat(other.owner(bucket)).isEqualTo(one.owner(bucket));
        }
    }

    @Test
    void when_a_member_leaves_most_accounts_of_the_others_stay_where_they_are() {
        int[] weights = weights(accounts(new Random(3), 600));
        BucketAssignment before = BucketAssignment.of(List.of("a", "b", "c", "d"), weights);
        BucketAssignment after = BucketAssignment.of(List.of("a", "b", "c"), weights);
        int stayed = 0;
        int others = 0;
        for (int bucket = 0; bucket < weights.length; bucket++) {
            if (!before.owner(bucket).equals("d")) {
                others += weights[bucket];
                stayed += before.owner(bucket).equals(after.owner(bucket)) ? weights[bucket] : 0;
            }
        }
        assertThat(stayed).isGreaterThan(others * 85 / 100);
    }

    @Test
    void the_first_stand_by_of_a_bucket_is_mostly_its_owner_once_the_preferred_member_is_gone() {
        int[] weights = weights(accounts(new Random(9), 300));
        BucketAssignment all = BucketAssignment.of(THREE, weights);
        int heirs = 0;
        int moved = 0;
        for (String gone : THREE) {
            List<String> left = THREE.stream().filter(member -> !member.equals(gone)).toList();
            BucketAssignment after = BucketAssignment.of(left, weights);
            for (int k = 0; k < weights.length; k++) {
                int bucket = k;
                if (all.owner(bucket).equals(gone)) {
                    String heir = left.stream().filter(m -> all.standbyRank(bucket, m) == 0).findFirst().orElseThrow();
                    moved += weights[bucket];
                    heirs += heir.equals(after.owner(bucket)) ? weights[bucket] : 0;
                }
            }
        }
        assertThat(heirs).isGreaterThan(moved * 3 / 4);
    }

    @Test
    void a_lone_member_owns_every_bucket() {
        BucketAssignment alone = BucketAssignment.of(List.of("solo"), new int[] {3, 0, 1});
        assertThat(List.of(alone.owner(0), alone.owner(1), alone.owner(2))).containsOnly("solo");
    }

    static List<String> accounts(Random random, int count) {
        return random.ints(count, 0, Integer.MAX_VALUE).mapToObj(n -> "account-" + n).toList();
    }

    static int[] weights(List<String> accounts) {
        int[] weights = new int[BUCKETS.count()];
        accounts.forEach(account -> weights[BUCKETS.of(account)]++);
        return weights;
    }

    private static Map<String, Integer> load(BucketAssignment assignment, int[] weights) {
        Map<String, Integer> load = new HashMap<>();
        for (int bucket = 0; bucket < weights.length; bucket++) {
            load.merge(assignment.owner(bucket), weights[bucket], Integer::sum);
        }
        return load;
    }
}
