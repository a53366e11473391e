/*
 * sem.c - counting semaphores over a mutex and a condition variable;
 * sem->lock protects count.
 */
#include <assert.h>
#include <cond.h>
#include <sem.h>

#define SEM_MAGIC 0x73656d61 /* "sema" */

int sem_init(sem_t *sem, int count)
{
    if (!sem || count < 0 || mutex_init(&sem->lock) < 0 || cond_init(&sem->nonzero) < 0)
        return -1;
    sem->count = count;
    sem->magic = SEM_MAGIC;
    return 0;
}

void sem_wait(sem_t *sem)
{
    if (sem->magic != SEM_MAGIC)
        panic("sem_wait: semaphore %p is not initialized", (void *)sem);
    mutex_lock(&sem->lock);
    while (sem->count == 0)
        cond_wait(&sem->nonzero, &sem->lock);
    sem->count--;
    mutex_unlock(&sem->lock);
}

void sem_signal(sem_t *sem)
{
    mutex_lock(&sem->lock);
    sem->count++;
    cond_signal(&sem->nonzero);
    mutex_unlock(&sem->lock);
}

void sem_destroy(sem_t *sem)
{
    sem->magic = 0;
    cond_destroy(&sem->nonzero);
    mutex_destroy(&sem->lock);
}
