/*
 * test_list.c - proves the intrusive list (kern/lib/list.h): push front and
 * back, insert before any node, removal from the front, middle and back
 * keep order and leave the node unlinked (NULL links, list_node_linked
 * false); pop/front/back return NULL on an empty list; list_size counts;
 * list_entry finds the containing struct whatever the member's offset;
 * list_for_each visits in order and list_for_each_safe survives removing
 * (and freeing) the current node; a node can move between lists; removing
 * a node that is on no list trips an assert; and a long random sequence of
 * operations matches an array model with every link consistent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "death_test.h"
#include "lib/list.h"

struct item {
    int v;
    char pad[13]; /* the member is not at offset 0 */
    struct list_node link;
};

static struct item items[64];

static void init_items(void)
{
    for (int i = 0; i < 64; i++) {
        items[i].v = i;
        list_node_init(&items[i].link);
    }
}

/* The list holds exactly want[0..n) in order, and every link agrees. */
static void assert_list(const struct list *l, const int *want, size_t n)
{
    assert_int_equal(list_size(l), n);
    assert_int_equal(list_empty(l), n == 0);
    const struct list_node *prev = &l->head;
    size_t k = 0;
    struct list_node *node;
    list_for_each(node, l) {
        assert_true(k < n);
        assert_ptr_equal(node->prev, prev);
        assert_ptr_equal(node->prev->next, node);
        assert_true(list_node_linked(node));
        assert_int_equal(list_entry(node, struct item, link)->v, want[k]);
        prev = node;
        k++;
    }
    assert_int_equal(k, n);
    assert_ptr_equal(l->head.prev, prev);
}

static void empty_list(void **state)
{
    (void)state;
    struct list l;
    list_init(&l);
    assert_true(list_empty(&l));
    assert_int_equal(list_size(&l), 0);
    assert_null(list_front(&l));
    assert_null(list_back(&l));
    assert_null(list_pop_front(&l));
    struct list_node *n, *tmp;
    int visits = 0;
    list_for_each(n, &l)
        visits++;
    list_for_each_safe(n, tmp, &l)
        visits++;
    assert_int_equal(visits, 0);
}

static void push_insert_remove_keep_order(void **state)
{
    (void)state;
    init_items();
    struct list l;
    list_init(&l);
    list_push_back(&l, &items[1].link);
    list_push_back(&l, &items[2].link);
    list_push_front(&l, &items[0].link);
    assert_list(&l, (int[]){0, 1, 2}, 3);
    list_insert_before(&items[2].link, &items[5].link); /* in the middle */
    list_insert_before(&items[0].link, &items[6].link); /* before the front */
    list_insert_before(&l.head, &items[7].link);        /* before the sentinel: the back */
    assert_list(&l, (int[]){6, 0, 1, 5, 2, 7}, 6);
    assert_ptr_equal(list_front(&l), &items[6].link);
    assert_ptr_equal(list_back(&l), &items[7].link);

    list_remove(&items[5].link); /* middle */
    assert_false(list_node_linked(&items[5].link));
    assert_null(items[5].link.prev);
    assert_null(items[5].link.next);
    list_remove(&items[6].link); /* front */
    list_remove(&items[7].link); /* back */
    assert_list(&l, (int[]){0, 1, 2}, 3);
    assert_ptr_equal(list_pop_front(&l), &items[0].link);
    assert_false(list_node_linked(&items[0].link));
    assert_list(&l, (int[]){1, 2}, 2);
    list_remove(&items[1].link);
    list_remove(&items[2].link);
    assert_list(&l, NULL, 0);
}

static void container_of_finds_the_struct(void **state)
{
    (void)state;
    struct item it = {.v = 42};
    struct list_node *n = &it.link;
    assert_ptr_equal(list_entry(n, struct item, link), &it);
    assert_ptr_equal(container_of(&it.pad[0], struct item, pad), &it);
    assert_int_equal(container_of(n, struct item, link)->v, 42);
}

static void safe_iteration_may_remove_and_free(void **state)
{
    (void)state;
    struct list l;
    list_init(&l);
    for (int i = 0; i < 10; i++) {
        struct item *it = malloc(sizeof(*it));
        it->v = i;
        list_push_back(&l, &it->link);
    }
    struct list_node *n, *tmp;
    list_for_each_safe(n, tmp, &l) {
        struct item *it = list_entry(n, struct item, link);
        if (it->v % 3 == 0) {
            list_remove(n);
            free(it); /* ASan would catch a later read of n */
        }
    }
    int want[] = {1, 2, 4, 5, 7, 8};
    size_t k = 0;
    list_for_each(n, &l)
        assert_int_equal(list_entry(n, struct item, link)->v, want[k++]);
    assert_int_equal(k, 6);
    list_for_each_safe(n, tmp, &l) {
        list_remove(n);
        free(list_entry(n, struct item, link));
    }
    assert_true(list_empty(&l));
}

static void nodes_move_between_lists(void **state)
{
    (void)state;
    init_items();
    struct list a, b;
    list_init(&a);
    list_init(&b);
    for (int i = 0; i < 4; i++)
        list_push_back(&a, &items[i].link);
    struct list_node *n;
    while ((n = list_pop_front(&a)))
        list_push_front(&b, n); /* reverses */
    assert_list(&a, NULL, 0);
    assert_list(&b, (int[]){3, 2, 1, 0}, 4);
}

static void do_remove_unlinked(void *arg)
{
    (void)arg;
    struct list_node n;
    list_node_init(&n);
    list_remove(&n);
}

static void removing_an_unlinked_node_asserts(void **state)
{
    (void)state;
    expect_abort(do_remove_unlinked, NULL);
}

static void random_operations_match_a_model(void **state)
{
    (void)state;
    init_items();
    struct list l;
    list_init(&l);
    int model[64], n = 0;
    srand(15410);
    for (int step = 0; step < 20000; step++) {
        int i = rand() % 64;
        bool linked = list_node_linked(&items[i].link);
        int pos = -1;
        for (int k = 0; k < n; k++)
            if (model[k] == i)
                pos = k;
        assert_int_equal(linked, pos >= 0);
        int op = rand() % 4;
        if (linked && op < 2) {
            list_remove(&items[i].link);
            for (int k = pos; k < n - 1; k++)
                model[k] = model[k + 1];
            n--;
        } else if (linked && op == 2) {
            struct list_node *f = list_pop_front(&l);
            assert_ptr_equal(f, &items[model[0]].link);
            for (int k = 0; k < n - 1; k++)
                model[k] = model[k + 1];
            n--;
        } else if (!linked && op == 0) {
            list_push_front(&l, &items[i].link);
            for (int k = n; k > 0; k--)
                model[k] = model[k - 1];
            model[0] = i;
            n++;
        } else if (!linked && op == 1 && n > 0) {
            int at = rand() % n; /* before a random node */
            list_insert_before(&items[model[at]].link, &items[i].link);
            for (int k = n; k > at; k--)
                model[k] = model[k - 1];
            model[at] = i;
            n++;
        } else if (!linked) {
            list_push_back(&l, &items[i].link);
            model[n++] = i;
        }
        assert_list(&l, model, (size_t)n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_list),
        cmocka_unit_test(push_insert_remove_keep_order),
        cmocka_unit_test(container_of_finds_the_struct),
        cmocka_unit_test(safe_iteration_may_remove_and_free),
        cmocka_unit_test(nodes_move_between_lists),
        cmocka_unit_test(removing_an_unlinked_node_asserts),
        cmocka_unit_test(random_operations_match_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
